namespace DarkPool.Chain.Embedded.Internal;

/// <summary>
/// Everything the embedded chain knows except the batch bytes (kept one file per batch): the contract's
/// storage, the key history, and every token's balances. Persisted whole as JSON inside a checksummed file.
/// </summary>
internal sealed class ChainState
{
    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;

    public ulong ChainId { get; set; }

    public EthAddress Contract { get; set; }

    public EthAddress Governance { get; set; }

    public EthAddress EnclaveKey { get; set; }

    public ulong BlockNumber { get; set; }

    public ulong NextSequence { get; set; } = 1;

    public ulong SettledDepositIndex { get; set; }

    public Hash32 LastBatchHash { get; set; }

    public Hash32 JournalHead { get; set; }

    public ulong TokenNonce { get; set; }

    /// <summary>Deposit i (from 1) is at position i - 1.</summary>
    public List<DepositEntry> Deposits { get; set; } = [];

    /// <summary>Batch with sequence s (from 1) is at position s - 1.</summary>
    public List<BatchEntry> Batches { get; set; } = [];

    public List<KeyEntry> Keys { get; set; } = [];

    public List<TokenEntry> Tokens { get; set; } = [];

    public Hash32 DepositHashAt(ulong index) => index == 0 ? Hash32.Zero : Deposits[checked((int)(index - 1))].RunningHash;

    public TokenEntry? FindToken(EthAddress address) => Tokens.Find(t => t.Address == address);
}
