namespace DarkPool.Chain.Batches;

/// <summary>
/// One settlement batch, decoded. <see cref="BatchDescriptor"/> turns it into the bytes that are hashed,
/// signed and posted; docs/SETTLEMENT.md has the layout.
/// </summary>
public sealed class SettlementBatch
{
    /// <summary>Creates a batch; the lists are copied.</summary>
    public SettlementBatch(
        ulong sequence,
        Hash32 previousHash,
        Hash32 journalHead,
        DepositCursor depositCursor,
        IReadOnlyList<Withdrawal> withdrawals,
        ReadOnlyMemory<byte> ciphertext)
    {
        CheckWithdrawals(withdrawals);
        Sequence = sequence;
        PreviousHash = previousHash;
        JournalHead = journalHead;
        DepositCursor = depositCursor;
        Withdrawals = [.. withdrawals];
        Ciphertext = ciphertext.ToArray();
    }

    /// <summary>Position in the batch chain; the first batch is 1 and each next one is exactly one more.</summary>
    public ulong Sequence { get; }

    /// <summary>Hash of batch <c>Sequence - 1</c> (zero for the first batch).</summary>
    public Hash32 PreviousHash { get; }

    /// <summary>The enclave journal head this batch commits: the rollback anchor read back at start.</summary>
    public Hash32 JournalHead { get; }

    /// <summary>The deposits credited up to and including this batch.</summary>
    public DepositCursor DepositCursor { get; }

    /// <summary>Public withdrawals the contract pays, in order.</summary>
    public IReadOnlyList<Withdrawal> Withdrawals { get; }

    /// <summary>The per-account encrypted entries, opaque to the chain.</summary>
    public ReadOnlyMemory<byte> Ciphertext { get; private init; }

    /// <summary>
    /// A batch over <paramref name="ciphertext"/> without copying it (a decoded batch reads its encoded bytes in place):
    /// the bytes must not change while the batch is used.
    /// </summary>
    internal static SettlementBatch Over(
        ulong sequence, Hash32 previousHash, Hash32 journalHead, DepositCursor depositCursor, IReadOnlyList<Withdrawal> withdrawals, ReadOnlyMemory<byte> ciphertext) =>
        new(sequence, previousHash, journalHead, depositCursor, withdrawals, ReadOnlyMemory<byte>.Empty) { Ciphertext = ciphertext };

    /// <summary>The rules every encoded batch keeps: at most <see cref="BatchDescriptor.MaxWithdrawals"/>, each amount a uint256.</summary>
    internal static void CheckWithdrawals(IReadOnlyList<Withdrawal> withdrawals)
    {
        ArgumentNullException.ThrowIfNull(withdrawals);
        if (withdrawals.Count > BatchDescriptor.MaxWithdrawals)
        {
            throw new ArgumentOutOfRangeException(
                nameof(withdrawals), $"A batch carries at most {BatchDescriptor.MaxWithdrawals} withdrawals.");
        }

        foreach (Withdrawal withdrawal in withdrawals)
        {
            if (withdrawal.Amount.Sign < 0 || withdrawal.Amount.GetByteCount(isUnsigned: true) > 32)
            {
                throw new ArgumentOutOfRangeException(nameof(withdrawals), "A withdrawal amount is a uint256.");
            }
        }
    }
}
