using System.Buffers.Binary;
using System.Numerics;
using DarkPool.Chain.Internal;

namespace DarkPool.Chain.Batches;

/// <summary>
/// The settlement batch format: layout, encode, decode, hash, and the EIP-712 digest the enclave signs.
/// Pure code (no I/O), shared by the enclave that builds and signs batches, the chain backends that
/// check them, and the auditor that verifies them. Big-endian, packed; docs/SETTLEMENT.md draws it.
/// </summary>
public static partial class BatchDescriptor
{
    /// <summary>"DPSB" as a big-endian integer.</summary>
    public const uint Magic = 0x44505342;

    /// <summary>Layout version this code writes and accepts.</summary>
    public const ushort Version = 1;

    /// <summary>Offset of the 4-byte magic.</summary>
    public const int MagicOffset = 0;

    /// <summary>Offset of the 2-byte version.</summary>
    public const int VersionOffset = 4;

    /// <summary>Offset of the 2-byte withdrawal count.</summary>
    public const int WithdrawalCountOffset = 6;

    /// <summary>Offset of the 8-byte sequence.</summary>
    public const int SequenceOffset = 8;

    /// <summary>Offset of the 32-byte previous batch hash.</summary>
    public const int PreviousHashOffset = 16;

    /// <summary>Offset of the 32-byte journal head.</summary>
    public const int JournalHeadOffset = 48;

    /// <summary>Offset of the 8-byte deposit cursor index.</summary>
    public const int DepositIndexOffset = 80;

    /// <summary>Offset of the 32-byte deposit running hash at the cursor.</summary>
    public const int DepositHashOffset = 88;

    /// <summary>Offset of the 4-byte ciphertext length.</summary>
    public const int CiphertextLengthOffset = 120;

    /// <summary>Size of the fixed header; the withdrawals follow it, then the ciphertext.</summary>
    public const int HeaderSize = 124;

    /// <summary>Size of one withdrawal: token (20), recipient (20), amount (32).</summary>
    public const int WithdrawalSize = 72;

    /// <summary>The withdrawal count is a 16-bit field.</summary>
    public const int MaxWithdrawals = ushort.MaxValue;

    /// <summary>Encoded size of a batch with <paramref name="withdrawals"/> withdrawals.</summary>
    public static long EncodedLength(int withdrawals, int ciphertextLength) =>
        HeaderSize + ((long)withdrawals * WithdrawalSize) + ciphertextLength;

    /// <summary>The bytes that are hashed, signed and posted.</summary>
    public static byte[] Encode(SettlementBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int count = batch.Withdrawals.Count;
        byte[] bytes = new byte[checked((int)EncodedLength(count, batch.Ciphertext.Length))];
        WriteHeader(bytes, batch.Sequence, batch.PreviousHash, batch.JournalHead, batch.DepositCursor, batch.Withdrawals, batch.Ciphertext.Length);
        batch.Ciphertext.Span.CopyTo(bytes.AsSpan((int)EncodedLength(count, 0)));
        return bytes;
    }

    /// <summary>
    /// Writes the fixed header and the withdrawals (<see cref="EncodedLength"/> of no ciphertext) to the start of
    /// <paramref name="destination"/>; the ciphertext goes right after them. The withdrawals were checked
    /// (<see cref="SettlementBatch.CheckWithdrawals"/>).
    /// </summary>
    internal static void WriteHeader(
        Span<byte> destination, ulong sequence, Hash32 previousHash, Hash32 journalHead, DepositCursor depositCursor,
        IReadOnlyList<Withdrawal> withdrawals, int ciphertextLength)
    {
        int count = withdrawals.Count;
        Span<byte> span = destination[..(int)EncodedLength(count, 0)];
        BinaryPrimitives.WriteUInt32BigEndian(span[MagicOffset..], Magic);
        BinaryPrimitives.WriteUInt16BigEndian(span[VersionOffset..], Version);
        BinaryPrimitives.WriteUInt16BigEndian(span[WithdrawalCountOffset..], (ushort)count);
        BinaryPrimitives.WriteUInt64BigEndian(span[SequenceOffset..], sequence);
        previousHash.WriteTo(span[PreviousHashOffset..]);
        journalHead.WriteTo(span[JournalHeadOffset..]);
        BinaryPrimitives.WriteUInt64BigEndian(span[DepositIndexOffset..], depositCursor.Index);
        depositCursor.RunningHash.WriteTo(span[DepositHashOffset..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[CiphertextLengthOffset..], (uint)ciphertextLength);
        for (int i = 0; i < count; i++)
        {
            Span<byte> entry = span.Slice(HeaderSize + (i * WithdrawalSize), WithdrawalSize);
            Withdrawal withdrawal = withdrawals[i];
            // A reused buffer holds the previous batch's bytes here: every byte of the slot is written.
            entry.Clear();
            withdrawal.Token.WriteTo(entry);
            withdrawal.Recipient.WriteTo(entry[20..]);
            withdrawal.Amount.TryWriteBytes(entry.Slice(72 - withdrawal.Amount.GetByteCount(true)), out _, true, true);
        }
    }

    /// <summary>Checks the magic, the version and the exact length, the way the contract does.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < HeaderSize
            || BinaryPrimitives.ReadUInt32BigEndian(encoded[MagicOffset..]) != Magic
            || BinaryPrimitives.ReadUInt16BigEndian(encoded[VersionOffset..]) != Version)
        {
            return false;
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(encoded[WithdrawalCountOffset..]);
        uint cipher = BinaryPrimitives.ReadUInt32BigEndian(encoded[CiphertextLengthOffset..]);
        return encoded.Length == EncodedLength(count, 0) + cipher;
    }

    /// <summary>Decodes a batch; throws <see cref="BatchFormatException"/> when it is not well formed.</summary>
    public static SettlementBatch Decode(ReadOnlySpan<byte> encoded) =>
        IsWellFormed(encoded) ? DecodeInPlace(encoded.ToArray()) : throw NotABatch();

    /// <summary>
    /// Decodes a batch whose ciphertext stays a slice of <paramref name="encoded"/> (no copy of a batch's megabyte):
    /// the bytes must not change while the batch is used. Throws <see cref="BatchFormatException"/> when not well formed.
    /// </summary>
    internal static SettlementBatch DecodeInPlace(ReadOnlyMemory<byte> encoded)
    {
        ReadOnlySpan<byte> span = encoded.Span;
        if (!IsWellFormed(span))
        {
            throw NotABatch();
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(span[WithdrawalCountOffset..]);
        var withdrawals = new Withdrawal[count];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> entry = span.Slice(HeaderSize + (i * WithdrawalSize), WithdrawalSize);
            withdrawals[i] = new Withdrawal(
                EthAddress.FromBytes(entry[..20]),
                EthAddress.FromBytes(entry[20..40]),
                new BigInteger(entry[40..], isUnsigned: true, isBigEndian: true));
        }

        return SettlementBatch.Over(
            BinaryPrimitives.ReadUInt64BigEndian(span[SequenceOffset..]),
            Hash32.FromBytes(span.Slice(PreviousHashOffset, Hash32.Size)),
            Hash32.FromBytes(span.Slice(JournalHeadOffset, Hash32.Size)),
            new DepositCursor(
                BinaryPrimitives.ReadUInt64BigEndian(span[DepositIndexOffset..]),
                Hash32.FromBytes(span.Slice(DepositHashOffset, Hash32.Size))),
            withdrawals,
            encoded[(HeaderSize + (count * WithdrawalSize))..]);
    }

    /// <summary>The batch hash: keccak256 over the encoded bytes, exactly as posted.</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> encoded) => Keccak.Hash(encoded);

    private static BatchFormatException NotABatch() => new("Not a settlement batch: wrong magic, version or length.");
}
