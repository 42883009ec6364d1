using System.Buffers;
using System.Runtime.CompilerServices;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Internal;
using DarkPool.Protocol.Messages.Responses;
using MessagePack;

namespace DarkPool.Protocol.Messages;

/// <summary>
/// Response and event messages: a MessagePack array <c>[kind, client request id or 0, time, body]</c>. Decoding is as
/// strict as <see cref="RequestCodec"/>'s.
/// </summary>
public static class ResponseCodec
{
    /// <summary>Number of elements of the outer array.</summary>
    public const int FrameFieldCount = 4;

    /// <summary>Every response of protocol version 1 travels in a standard envelope (pages are sized to fit).</summary>
    public const EnvelopeSizeClass SizeClass = EnvelopeSizeClass.Standard;

    /// <summary>Writes a response message; <paramref name="clientRequestId"/> is 0 for an event.</summary>
    /// <exception cref="ArgumentException">The body is not well formed (an undefined enum, a page too long).</exception>
    public static void Write<T>(IBufferWriter<byte> output, ulong clientRequestId, long timeUnixMs, in T body)
        where T : struct, IResponseBody<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!body.IsWellFormed())
        {
            throw new ArgumentException("The response body is not well formed.", nameof(body));
        }

        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(FrameFieldCount);
        writer.Write((byte)T.Kind);
        writer.Write(clientRequestId);
        writer.Write(timeUnixMs);
        if (typeof(T) == typeof(BatchCancelReplaced))
        {
            // The mass quote's answer, field by field as the formatter writes it (HotBodies).
            HotBodies.Write(ref writer, Unsafe.As<T, BatchCancelReplaced>(ref Unsafe.AsRef(in body)));
        }
        else
        {
            MessagePackSerializer.Serialize(ref writer, body, ProtocolSerializer.Options);
        }

        writer.Flush();
    }

    /// <summary>Reads a response message; false when it is not one.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> message, out DecodedResponse response)
    {
        response = default;
        var reader = new MessagePackReader(message);
        try
        {
            if (reader.ReadArrayHeader() != FrameFieldCount)
            {
                return false;
            }

            var kind = (ResponseKind)reader.ReadByte();
            ulong id = reader.ReadUInt64();
            long time = reader.ReadInt64();
            var frame = new DecodedResponse { Kind = kind, ClientRequestId = id, TimeUnixMs = time };
            bool ok = TryReadBody(ref reader, frame, out response) && reader.End;
            if (!ok)
            {
                response = default;
            }

            return ok;
        }
        catch (Exception e) when (ProtocolSerializer.IsMalformedInput(e))
        {
            response = default;
            return false;
        }
    }

    private static bool TryReadBody(ref MessagePackReader reader, DecodedResponse frame, out DecodedResponse response)
    {
        bool ok;
        response = frame.Kind switch
        {
            ResponseKind.OrderAccepted => frame with { Accepted = Read<OrderAccepted>(ref reader, out ok) },
            ResponseKind.RequestRejected => frame with { Rejected = Read<RequestRejected>(ref reader, out ok) },
            ResponseKind.OrderFilled => frame with { Filled = Read<OrderFilled>(ref reader, out ok) },
            ResponseKind.OrderCancelled => frame with { Cancelled = Read<OrderCancelled>(ref reader, out ok) },
            ResponseKind.OrderAmended => frame with { Amended = Read<OrderAmended>(ref reader, out ok) },
            ResponseKind.OrderReduced => frame with { Reduced = Read<OrderReduced>(ref reader, out ok) },
            ResponseKind.MassCancelled => frame with { MassCancelled = Read<MassCancelled>(ref reader, out ok) },
            ResponseKind.WithdrawalAccepted => frame with { Withdrawal = Read<WithdrawalAccepted>(ref reader, out ok) },
            ResponseKind.BalancePage => frame with { Balances = Read<BalancePage>(ref reader, out ok) },
            ResponseKind.OpenOrdersPage => frame with { OpenOrders = Read<OpenOrdersPage>(ref reader, out ok) },
            ResponseKind.HeartbeatAck => frame with { HeartbeatAck = Read<HeartbeatAck>(ref reader, out ok) },
            ResponseKind.SessionClosed => ReadEmpty(ref reader, frame, out ok),
            ResponseKind.BalanceChanged => frame with { BalanceChanged = Read<BalanceChanged>(ref reader, out ok) },
            ResponseKind.CancelReplaced => frame with { CancelReplaced = Read<CancelReplaced>(ref reader, out ok) },
            ResponseKind.BatchPlaced => frame with { BatchPlaced = ReadBatchPlaced(ref reader, out ok) },
            ResponseKind.FillsPage => frame with { Fills = Read<FillsPage>(ref reader, out ok) },
            ResponseKind.BatchCancelReplaced => frame with { BatchCancelReplaced = ReadBatchCancelReplaced(ref reader, out ok) },
            _ => Unknown(out ok),
        };
        return ok;
    }

    /// <summary>Strict like the rest: each result must be an array of exactly 2 elements.</summary>
    private static BatchPlaced ReadBatchPlaced(ref MessagePackReader reader, out bool ok)
    {
        BatchPlaceResult[]? results = ProtocolSerializer.ReadBatch<BatchPlaceResult>(ref reader, Requests.BatchPlace.MaxOrders, BatchPlaceResult.FieldCount);
        var body = new BatchPlaced { Results = results };
        ok = results is not null && body.IsWellFormed();
        return ok ? body : default;
    }

    /// <summary>Strict like the rest: each result must be an array of exactly 4 elements.</summary>
    private static BatchCancelReplaced ReadBatchCancelReplaced(ref MessagePackReader reader, out bool ok)
    {
        BatchCancelReplaceResult[]? results = ProtocolSerializer.ReadBatch<BatchCancelReplaceResult, HotBodies.CancelReplaceResults>(ref reader, Requests.BatchCancelReplace.MaxQuotes, default);
        var body = new BatchCancelReplaced { Results = results };
        ok = results is not null && body.IsWellFormed();
        return ok ? body : default;
    }

    private static DecodedResponse ReadEmpty(ref MessagePackReader reader, DecodedResponse frame, out bool ok)
    {
        _ = Read<SessionClosed>(ref reader, out ok);
        return frame;
    }

    private static DecodedResponse Unknown(out bool ok)
    {
        ok = false;
        return default;
    }

    private static T Read<T>(ref MessagePackReader reader, out bool ok)
        where T : struct, IResponseBody<T>
    {
        T body = ProtocolSerializer.ReadExact<T>(ref reader, T.FieldCount, out bool exact);
        ok = exact && body.IsWellFormed();
        return body;
    }
}
