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
        Span<byte> span = bytes;
        BinaryPrimitives.WriteUInt32BigEndian(span[MagicOffset..], Magic);
        BinaryPrimitives.WriteUInt16BigEndian(span[VersionOffset..], Version);
        BinaryPrimitives.WriteUInt16BigEndian(span[WithdrawalCountOffset..], (ushort)count);
        BinaryPrimitives.WriteUInt64BigEndian(span[SequenceOffset..], batch.Sequence);
        batch.PreviousHash.WriteTo(span[PreviousHashOffset..]);
        batch.JournalHead.WriteTo(span[JournalHeadOffset..]);
        BinaryPrimitives.WriteUInt64BigEndian(span[DepositIndexOffset..], batch.DepositCursor.Index);
        batch.DepositCursor.RunningHash.WriteTo(span[DepositHashOffset..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[CiphertextLengthOffset..], (uint)batch.Ciphertext.Length);
        for (int i = 0; i < count; i++)
        {
            Span<byte> entry = span.Slice(HeaderSize + (i * WithdrawalSize), WithdrawalSize);
            Withdrawal withdrawal = batch.Withdrawals[i];
            withdrawal.Token.WriteTo(entry);
            withdrawal.Recipient.WriteTo(entry[20..]);
            withdrawal.Amount.TryWriteBytes(entry.Slice(72 - withdrawal.Amount.GetByteCount(true)), out _, true, true);
        }

        batch.Ciphertext.Span.CopyTo(span[(HeaderSize + (count * WithdrawalSize))..]);
        return bytes;
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
    public static SettlementBatch Decode(ReadOnlySpan<byte> encoded)
    {
        if (!IsWellFormed(encoded))
        {
            throw new BatchFormatException("Not a settlement batch: wrong magic, version or length.");
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(encoded[WithdrawalCountOffset..]);
        var withdrawals = new Withdrawal[count];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> entry = encoded.Slice(HeaderSize + (i * WithdrawalSize), WithdrawalSize);
            withdrawals[i] = new Withdrawal(
                EthAddress.FromBytes(entry[..20]),
                EthAddress.FromBytes(entry[20..40]),
                new BigInteger(entry[40..], isUnsigned: true, isBigEndian: true));
        }

        return new SettlementBatch(
            BinaryPrimitives.ReadUInt64BigEndian(encoded[SequenceOffset..]),
            Hash32.FromBytes(encoded.Slice(PreviousHashOffset, Hash32.Size)),
            Hash32.FromBytes(encoded.Slice(JournalHeadOffset, Hash32.Size)),
            new DepositCursor(
                BinaryPrimitives.ReadUInt64BigEndian(encoded[DepositIndexOffset..]),
                Hash32.FromBytes(encoded.Slice(DepositHashOffset, Hash32.Size))),
            withdrawals,
            encoded[(HeaderSize + (count * WithdrawalSize))..].ToArray());
    }

    /// <summary>The batch hash: keccak256 over the encoded bytes, exactly as posted.</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> encoded) => Keccak.Hash(encoded);
}
