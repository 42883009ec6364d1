using System.Buffers.Binary;
using System.Numerics;
using DarkPool.Chain;
using DarkPool.Enclave.Core;

namespace DarkPool.Enclave.Settlement;

/// <summary>
/// The journal records of settlement (docs/STORAGE.md "Records", docs/SETTLEMENT.md "The enclave side"): the same
/// header as every enclave record (kind, time), then fixed-width fields, little-endian except chain values (addresses,
/// uint256 amounts and hashes keep their chain byte order, big-endian).
/// </summary>
public static class SettlementRecords
{
    /// <summary>Payload sizes.</summary>
    internal const int ConfigSize = 20, AssetSize = 24, AccountKeySize = 65, DepositSize = 8 + 20 + 20 + 32 + 32 + 8, CutSize = 0,
        SignedSize = 8 + 32 + 32, ConfirmedSize = 8;

    /// <summary>Settlement parameters: confirmations before a deposit is credited, and the batch policy (N fills or T ms).</summary>
    public static byte[] Config(long time, ulong confirmations, int maxFills, long intervalMs)
    {
        byte[] record = Start(EnclaveRecordKind.ChainConfig, time, ConfigSize, out Span<byte> p);
        BinaryPrimitives.WriteUInt64LittleEndian(p, confirmations);
        BinaryPrimitives.WriteInt32LittleEndian(p[8..], maxFills);
        BinaryPrimitives.WriteInt64LittleEndian(p[12..], intervalMs);
        return record;
    }

    /// <summary>The token that carries a pool asset on chain.</summary>
    public static byte[] Asset(long time, int asset, EthAddress token)
    {
        byte[] record = Start(EnclaveRecordKind.ChainAsset, time, AssetSize, out Span<byte> p);
        BinaryPrimitives.WriteInt32LittleEndian(p, asset);
        token.WriteTo(p[4..]);
        return record;
    }

    /// <summary>An account's public key (SEC1 uncompressed), self-authenticating: its hash is the account's address.</summary>
    public static byte[] AccountKey(long time, ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != AccountKeySize)
        {
            throw new ArgumentException("A public key is 65 bytes.", nameof(publicKey));
        }

        byte[] record = Start(EnclaveRecordKind.AccountKey, time, AccountKeySize, out Span<byte> p);
        publicKey.CopyTo(p);
        return record;
    }

    /// <summary>A deposit as the chain recorded it, relayed by the host with its confirmations when read.</summary>
    public static byte[] Deposit(long time, DepositRecord deposit)
    {
        ArgumentNullException.ThrowIfNull(deposit);
        if (deposit.Amount.Sign < 0 || deposit.Amount.GetByteCount(isUnsigned: true) > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(deposit), "A deposit amount is a uint256.");
        }

        byte[] record = Start(EnclaveRecordKind.ChainDeposit, time, DepositSize, out Span<byte> p);
        BinaryPrimitives.WriteUInt64LittleEndian(p, deposit.Index);
        deposit.Token.WriteTo(p[8..]);
        deposit.Account.WriteTo(p[28..]);
        deposit.Amount.TryWriteBytes(p.Slice(48 + 32 - deposit.Amount.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        deposit.RunningHash.WriteTo(p[80..]);
        BinaryPrimitives.WriteUInt64LittleEndian(p[112..], deposit.Confirmations);
        return record;
    }

    /// <summary>The host's timer: the enclave cuts a batch if its policy says one is due at the record's time.</summary>
    public static byte[] Cut(long time) => Start(EnclaveRecordKind.SettlementCut, time, CutSize, out _);

    /// <summary>The enclave signed batch <paramref name="sequence"/> (its hash and the journal head it anchors).</summary>
    public static byte[] Signed(long time, ulong sequence, Hash32 batchHash, Hash32 journalHead)
    {
        byte[] record = Start(EnclaveRecordKind.BatchSigned, time, SignedSize, out Span<byte> p);
        BinaryPrimitives.WriteUInt64LittleEndian(p, sequence);
        batchHash.WriteTo(p[8..]);
        journalHead.WriteTo(p[40..]);
        return record;
    }

    /// <summary>The host saw batch <paramref name="sequence"/> settled on chain (or already there).</summary>
    public static byte[] Confirmed(long time, ulong sequence)
    {
        byte[] record = Start(EnclaveRecordKind.BatchConfirmed, time, ConfirmedSize, out Span<byte> p);
        BinaryPrimitives.WriteUInt64LittleEndian(p, sequence);
        return record;
    }

    /// <summary>Whether a settlement record kind has its exact payload length (false for any other kind).</summary>
    public static bool IsWellFormed(EnclaveRecordKind kind, int payload) => kind switch
    {
        EnclaveRecordKind.ChainConfig => payload == ConfigSize,
        EnclaveRecordKind.ChainAsset => payload == AssetSize,
        EnclaveRecordKind.AccountKey => payload == AccountKeySize,
        EnclaveRecordKind.ChainDeposit => payload == DepositSize,
        EnclaveRecordKind.SettlementCut => payload == CutSize,
        EnclaveRecordKind.BatchSigned => payload == SignedSize,
        EnclaveRecordKind.BatchConfirmed => payload == ConfirmedSize,
        _ => false,
    };

    internal static DepositRecord ReadDeposit(ReadOnlySpan<byte> p) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(p), EthAddress.FromBytes(p.Slice(8, 20)), EthAddress.FromBytes(p.Slice(28, 20)),
        new BigInteger(p.Slice(48, 32), isUnsigned: true, isBigEndian: true), Hash32.FromBytes(p.Slice(80, 32)), 0,
        BinaryPrimitives.ReadUInt64LittleEndian(p[112..]));

    private static byte[] Start(EnclaveRecordKind kind, long time, int payload, out Span<byte> p)
    {
        byte[] record = new byte[EnclaveRecords.HeaderSize + payload];
        record[0] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(1), time);
        p = record.AsSpan(EnclaveRecords.HeaderSize);
        return record;
    }
}
