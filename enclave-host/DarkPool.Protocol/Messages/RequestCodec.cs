using System.Buffers;
using System.Runtime.CompilerServices;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Internal;
using DarkPool.Protocol.Messages.Requests;
using MessagePack;

namespace DarkPool.Protocol.Messages;

/// <summary>
/// Request messages: a MessagePack array <c>[kind, client request id, expires at, body]</c>, the body itself an array
/// (see each body type). Decoding is strict about the frame and every body's length, checks enums, and reports
/// malformed input as <c>false</c>, never as an exception.
/// </summary>
public static class RequestCodec
{
    /// <summary>Number of elements of the outer array.</summary>
    public const int FrameFieldCount = 4;

    /// <summary>Every request travels in a standard envelope, except the batches (<see cref="SizeClassOf"/>).</summary>
    public const EnvelopeSizeClass SizeClass = EnvelopeSizeClass.Standard;

    /// <summary>
    /// The envelope size class a request of <paramref name="kind"/> travels in: bulk for a batch (<see cref="RequestKind.BatchPlace"/>,
    /// <see cref="RequestKind.BatchCancelReplace"/>), standard otherwise.
    /// </summary>
    public static EnvelopeSizeClass SizeClassOf(RequestKind kind) =>
        kind is RequestKind.BatchPlace or RequestKind.BatchCancelReplace ? EnvelopeSizeClass.Bulk : EnvelopeSizeClass.Standard;

    /// <summary>Writes a request message.</summary>
    /// <exception cref="ArgumentException">The request id is 0 or the body is not well formed.</exception>
    public static void Write<T>(IBufferWriter<byte> output, ulong clientRequestId, long expiresAtUnixMs, in T body)
        where T : struct, IRequestBody<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        if (clientRequestId == 0 || !body.IsWellFormed())
        {
            throw new ArgumentException("A request needs a client request id of at least 1 and a well-formed body.", nameof(body));
        }

        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(FrameFieldCount);
        writer.Write((byte)T.Kind);
        writer.Write(clientRequestId);
        writer.Write(expiresAtUnixMs);
        if (typeof(T) == typeof(BatchCancelReplace))
        {
            HotBodies.Write(ref writer, Unsafe.As<T, BatchCancelReplace>(ref Unsafe.AsRef(in body)));
        }
        else
        {
            MessagePackSerializer.Serialize(ref writer, body, ProtocolSerializer.Options);
        }

        writer.Flush();
    }

    /// <summary>Reads a request message; false when it is not one (the caller rejects it as malformed).</summary>
    public static bool TryRead(ReadOnlyMemory<byte> message, out DecodedRequest request) => TryRead(message, null, out request);

    /// <summary>
    /// As <see cref="TryRead(ReadOnlyMemory{byte}, out DecodedRequest)"/>, a batch's items going into
    /// <paramref name="reuse"/>'s arrays when given: the request is then valid only until the next decode with it.
    /// </summary>
    internal static bool TryRead(ReadOnlyMemory<byte> message, BatchArrays? reuse, out DecodedRequest request)
    {
        request = default;
        var reader = new MessagePackReader(message);
        try
        {
            if (reader.ReadArrayHeader() != FrameFieldCount)
            {
                return false;
            }

            var kind = (RequestKind)reader.ReadByte();
            ulong id = reader.ReadUInt64();
            long expiresAt = reader.ReadInt64();
            bool ok = id != 0 && TryReadBody(ref reader, kind, id, expiresAt, reuse, out request) && reader.End;
            if (!ok)
            {
                request = default;
            }

            return ok;
        }
        catch (Exception e) when (ProtocolSerializer.IsMalformedInput(e))
        {
            request = default;
            return false;
        }
    }

    private static bool TryReadBody(ref MessagePackReader reader, RequestKind kind, ulong id, long expiresAt, BatchArrays? reuse, out DecodedRequest request)
    {
        var frame = new DecodedRequest { Kind = kind, ClientRequestId = id, ExpiresAtUnixMs = expiresAt };
        bool ok;
        switch (kind)
        {
            case RequestKind.PlaceOrder:
                request = frame with { Place = ReadHot<PlaceOrder, HotBodies.PlaceOrders>(ref reader, out ok) };
                return ok;
            case RequestKind.CancelOrder:
                request = frame with { Cancel = ReadCancelOrder(ref reader, out ok) };
                return ok;
            case RequestKind.AmendOrder:
                request = frame with { Amend = Read<AmendOrder>(ref reader, out ok) };
                return ok;
            case RequestKind.MassCancel:
                request = frame with { MassCancel = Read<MassCancel>(ref reader, out ok) };
                return ok;
            case RequestKind.Withdraw:
                request = frame with { Withdraw = Read<WithdrawRequest>(ref reader, out ok) };
                return ok;
            case RequestKind.BalanceQuery:
                request = frame with { BalanceQuery = Read<BalanceQuery>(ref reader, out ok) };
                return ok;
            case RequestKind.OpenOrdersQuery:
                request = frame with { OpenOrdersQuery = Read<OpenOrdersQuery>(ref reader, out ok) };
                return ok;
            case RequestKind.Heartbeat:
                request = frame with { Heartbeat = Heartbeat.Read(ref reader, out ok) };
                return ok;
            case RequestKind.CancelReplace:
                request = frame with { CancelReplace = ReadHot<CancelReplace, HotBodies.CancelReplaces>(ref reader, out ok) };
                return ok;
            case RequestKind.BatchPlace:
                request = frame with { BatchPlace = BatchPlace.Read(ref reader, reuse?.Orders, out ok) };
                return ok;
            case RequestKind.BatchCancelReplace:
                request = frame with { BatchCancelReplace = BatchCancelReplace.Read(ref reader, reuse?.Quotes, out ok) };
                return ok;
            case RequestKind.FillsQuery:
                request = frame with { FillsQuery = Read<FillsQuery>(ref reader, out ok) };
                return ok;
            case RequestKind.CloseSession:
                _ = Read<CloseSession>(ref reader, out ok);
                request = frame;
                return ok;
            default:
                request = default;
                return false;
        }
    }

    /// <summary>
    /// The most frequent bodies, read field by field (<see cref="HotBodies"/>) with the same reader call per field that
    /// the attribute-based formatter makes, without the resolver's generic dispatch per message and per enum field. The
    /// same bytes are accepted and give the same values (RequestDecodeEquivalenceTests compares both on random and
    /// damaged input, EdgeEncodingTests on encodings no writer produces).
    /// </summary>
    private static T ReadHot<T, TReader>(ref MessagePackReader reader, out bool ok)
        where T : struct, IRequestBody<T>
        where TReader : struct, IItemReader<T>
    {
        T body = default(TReader).Read(ref reader, out bool exact);
        ok = exact && body.IsWellFormed();
        return body;
    }

    private static CancelOrder ReadCancelOrder(ref MessagePackReader reader, out bool ok)
    {
        ok = reader.ReadArrayHeader() == CancelOrder.FieldCount;
        return ok ? new CancelOrder { Market = reader.ReadInt32(), ClientOrderId = reader.ReadInt64() } : default;
    }

    private static T Read<T>(ref MessagePackReader reader, out bool ok)
        where T : struct, IRequestBody<T>
    {
        T body = ProtocolSerializer.ReadExact<T>(ref reader, T.FieldCount, out bool exact);
        ok = exact && body.IsWellFormed();
        return body;
    }
}
