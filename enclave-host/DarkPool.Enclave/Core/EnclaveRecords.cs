using System.Buffers.Binary;
using DarkPool.Engine;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Accounts;

namespace DarkPool.Enclave.Core;

/// <summary>
/// The journal record layout: one byte of <see cref="EnclaveRecordKind"/>, the enclave time in Unix milliseconds
/// (int64, little-endian), then the kind's fields, fixed width and little-endian (docs/STORAGE.md, "Records").
/// </summary>
public static class EnclaveRecords
{
    /// <summary>Kind and time.</summary>
    public const int HeaderSize = 9;

    /// <summary>The longest record: a bulk envelope behind the header.</summary>
    public const int MaxRecordSize = HeaderSize + DarkPool.Protocol.Envelopes.EnvelopeLayout.MaxEnvelopeSize;

    /// <summary>The kind of a record (0 when too short).</summary>
    public static EnclaveRecordKind KindOf(ReadOnlySpan<byte> record) => record.Length >= HeaderSize ? (EnclaveRecordKind)record[0] : 0;

    /// <summary>The time of a record.</summary>
    public static long TimeOf(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record[1..]);

    /// <summary>A verified handshake.</summary>
    public static byte[] Handshake(long time, VerifiedHandshake handshake)
    {
        byte[] record = Start(EnclaveRecordKind.Handshake, time, VerifiedHandshake.SerializedSize);
        handshake.WriteTo(record.AsSpan(HeaderSize));
        return record;
    }

    /// <summary>A request envelope, as it arrived.</summary>
    public static int Envelope(long time, ReadOnlySpan<byte> envelope, Span<byte> destination)
    {
        destination[0] = (byte)EnclaveRecordKind.Envelope;
        BinaryPrimitives.WriteInt64LittleEndian(destination[1..], time);
        envelope.CopyTo(destination[HeaderSize..]);
        return HeaderSize + envelope.Length;
    }

    /// <summary>A market created by the operator (the enclave's engine command).</summary>
    public static byte[] CreateMarket(long time, in Command market) => CreateMarket(time, new MarketDefinition(
        market.Market, market.Asset, market.QuoteAsset, market.TickSize, market.LotSize, market.MakerFeeBps, market.TakerFeeBps,
        (byte)market.Mode, market.MaxReferenceAge));

    /// <summary>A market created by the operator, from plain values (the host, which may not use engine types).</summary>
    public static byte[] CreateMarket(long time, in MarketDefinition market)
    {
        byte[] record = Start(EnclaveRecordKind.CreateMarket, time, MarketDefinition.Size);
        market.WriteTo(record.AsSpan(HeaderSize));
        return record;
    }

    /// <summary>
    /// A market created by the operator, from plain values, for callers outside the enclave's trust boundary that must
    /// not use engine types (the host reads its market list from configuration).
    /// </summary>
    public static byte[] CreateMarket(
        long time, int market, int baseAsset, int quoteAsset, long tickSize, long lotSize,
        int makerFeeBps = 0, int takerFeeBps = 0, bool auction = false, long maxReferenceAge = 0) =>
        CreateMarket(time, new MarketDefinition(
            market, baseAsset, quoteAsset, tickSize, lotSize, makerFeeBps, takerFeeBps, (byte)(auction ? MarketMode.Auction : MarketMode.Continuous), maxReferenceAge));

    /// <summary>A deposit credited to an address.</summary>
    public static byte[] Deposit(long time, AccountAddress account, int asset, long amount)
    {
        byte[] record = Start(EnclaveRecordKind.Deposit, time, AccountAddress.Size + 12);
        Span<byte> p = record.AsSpan(HeaderSize);
        account.WriteTo(p);
        BinaryPrimitives.WriteInt32LittleEndian(p[AccountAddress.Size..], asset);
        BinaryPrimitives.WriteInt64LittleEndian(p[(AccountAddress.Size + 4)..], amount);
        return record;
    }

    /// <summary>A reference price.</summary>
    public static byte[] Reference(long time, int market, long bid, long ask, long observedAt)
    {
        byte[] record = Start(EnclaveRecordKind.Reference, time, 28);
        Span<byte> p = record.AsSpan(HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(p, market);
        BinaryPrimitives.WriteInt64LittleEndian(p[4..], bid);
        BinaryPrimitives.WriteInt64LittleEndian(p[12..], ask);
        BinaryPrimitives.WriteInt64LittleEndian(p[20..], observedAt);
        return record;
    }

    /// <summary>An auction uncross.</summary>
    public static byte[] Auction(long time, int market)
    {
        byte[] record = Start(EnclaveRecordKind.Auction, time, 4);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(HeaderSize), market);
        return record;
    }

    /// <summary>A session's connection dropped (reported by the host): its cancel-on-disconnect takes effect.</summary>
    public static byte[] Disconnect(long time, DarkPool.Protocol.SessionId session)
    {
        byte[] record = Start(EnclaveRecordKind.Disconnect, time, DarkPool.Protocol.SessionId.Size);
        session.WriteTo(record.AsSpan(HeaderSize));
        return record;
    }

    /// <summary>
    /// Whether <paramref name="record"/> is an operator record (not a handshake or an envelope, which only the pipeline
    /// builds) with its kind's exact length.
    /// </summary>
    public static bool IsWellFormedOperatorRecord(ReadOnlySpan<byte> record)
    {
        if (record.Length < HeaderSize)
        {
            return false;
        }

        int payload = record.Length - HeaderSize;
        return (EnclaveRecordKind)record[0] switch
        {
            EnclaveRecordKind.CreateMarket => payload == MarketDefinition.Size,
            EnclaveRecordKind.Deposit => payload == AccountAddress.Size + 12,
            EnclaveRecordKind.Reference => payload == 28,
            EnclaveRecordKind.Auction => payload == 4,
            EnclaveRecordKind.Tick => payload == 0,
            EnclaveRecordKind.Disconnect => payload == DarkPool.Protocol.SessionId.Size,
            // Requests and sessions come only through their own verified paths; an opened envelope only from the journal.
            EnclaveRecordKind.Handshake or EnclaveRecordKind.Envelope or EnclaveRecordKind.OpenedEnvelope => false,
            var kind => Settlement.SettlementRecords.IsWellFormed(kind, payload),
        };
    }

    /// <summary>Time passing.</summary>
    public static byte[] Tick(long time) => Start(EnclaveRecordKind.Tick, time, 0);

    private static byte[] Start(EnclaveRecordKind kind, long time, int payload)
    {
        byte[] record = new byte[HeaderSize + payload];
        record[0] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(1), time);
        return record;
    }
}
