using System.Buffers;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using DarkPool.Protocol.Tests.Support;

namespace DarkPool.Protocol.Tests.Messages;

/// <summary>The market-maker messages: cancel-replace, batch place, the heartbeat's dead-man setting, and their answers.</summary>
public sealed class MarketMakerCodecTests
{
    [Fact]
    public void CancelReplace_RoundTrips_AndItsWorstCaseFitsAStandardEnvelope()
    {
        CancelReplace request = CancelReplace.Of(long.MinValue, Samples.WorstPlace);

        Assert.Equal(request, Decode(Encode(request)).CancelReplace);
        Assert.Equal(Samples.WorstPlace, request.NewOrder);
        Assert.InRange(Encode(request, ulong.MaxValue, long.MinValue).Length, 1, EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Standard));
        Assert.Equal(EnvelopeSizeClass.Standard, RequestCodec.SizeClassOf(RequestKind.CancelReplace));
    }

    [Fact]
    public void BatchPlace_MaxOrdersAtTheirWidest_FitABulkEnvelope()
    {
        var batch = new BatchPlace { Orders = [.. Enumerable.Repeat(Samples.WorstPlace, BatchPlace.MaxOrders)] };

        byte[] message = Encode(batch, ulong.MaxValue, long.MinValue);

        Assert.InRange(message.Length, EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Standard) + 1, EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Bulk));
        Assert.Equal(batch.Orders, Decode(message).BatchPlace.Orders);
        Assert.Equal(EnvelopeSizeClass.Bulk, RequestCodec.SizeClassOf(RequestKind.BatchPlace));
    }

    [Fact]
    public void BatchPlace_EmptyOrOverTheLimit_IsNotWellFormedAndCannotBeWritten()
    {
        Assert.Throws<ArgumentException>(() => Encode(new BatchPlace { Orders = [] }));
        Assert.Throws<ArgumentException>(() => Encode(new BatchPlace { Orders = [.. Enumerable.Repeat(Samples.Limit, BatchPlace.MaxOrders + 1)] }));
        Assert.Throws<ArgumentException>(() => Encode(new BatchPlace { Orders = [Samples.Limit with { Side = (OrderSide)9 }] }));
    }

    public static TheoryData<string, byte[]> MalformedMessages() => new()
    {
        { "batch of 17", Build(w => Batch(w, BatchPlace.MaxOrders + 1, 11)) },
        { "batch of 0", Build(w => Batch(w, 0, 11)) },
        { "batch order of 10 fields", Build(w => Batch(w, 2, 10)) },
        { "batch order of 12 fields", Build(w => Batch(w, 2, 12)) },
        { "cancel-replace of 11 fields", Build(w => CancelReplaceBody(w, 11)) },
        { "cancel-replace of 13 fields", Build(w => CancelReplaceBody(w, 13)) },
        { "heartbeat of 3 fields", Build(w => HeartbeatBody(w, 3, 5)) },
        { "heartbeat timeout negative", Build(w => HeartbeatBody(w, 2, -1)) },
        { "heartbeat timeout over an hour", Build(w => HeartbeatBody(w, 2, Heartbeat.MaxCancelAfterSeconds + 1)) },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public void TryRead_Malformed_ReturnsFalse(string name, byte[] message)
    {
        Assert.False(RequestCodec.TryRead(message, out DecodedRequest request), name);
        Assert.Equal(default, request.Kind);
    }

    [Fact]
    public void Heartbeat_OneFieldFromAnOlderClient_ReadsAsKeepTheSetting()
    {
        byte[] message = Build(w => HeartbeatBody(w, 1, 0));

        Assert.True(RequestCodec.TryRead(message, out DecodedRequest request));
        Assert.Equal(new Heartbeat { ClientTime = 77, CancelAfterSeconds = null }, request.Heartbeat);
        var armed = new Heartbeat { ClientTime = 5, CancelAfterSeconds = 30 };
        Assert.Equal(armed, Decode(Encode(armed)).Heartbeat);
    }

    [Fact]
    public void Answers_RoundTrip_AndFullBatchAnswerAtItsWidestFitsAStandardEnvelope()
    {
        var replaced = new CancelReplaced
        {
            Market = int.MinValue, CancelledClientOrderId = long.MinValue, CancelReject = RejectCode.None, CancelledQuantity = long.MaxValue,
            ClientOrderId = long.MinValue, PlaceStatus = PlaceStatus.Rejected, PlaceReject = RejectCode.StaleReference,
        };
        var placed = new BatchPlaced
        {
            Results = [.. Enumerable.Range(0, BatchPlace.MaxOrders).Select(i => new BatchPlaceResult { ClientOrderId = long.MinValue + i, Reject = RejectCode.InsufficientFunds })],
        };
        int capacity = EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Standard);

        Assert.Equal(replaced, DecodeResponse(EncodeResponse(replaced)).CancelReplaced);
        Assert.Equal(placed.Results, DecodeResponse(EncodeResponse(placed)).BatchPlaced.Results);
        Assert.InRange(EncodeResponse(replaced).Length, 1, capacity);
        Assert.InRange(EncodeResponse(placed).Length, 1, capacity);
    }

    [Fact]
    public void CancelReplaced_InconsistentHalves_IsNotWellFormed()
    {
        var ok = new CancelReplaced { CancelReject = RejectCode.UnknownOrder, PlaceStatus = PlaceStatus.NotAttempted };
        Assert.True(ok.IsWellFormed());
        Assert.False((ok with { PlaceStatus = PlaceStatus.Accepted }).IsWellFormed()); // placed although the cancel failed
        Assert.False(new CancelReplaced { PlaceStatus = PlaceStatus.Rejected }.IsWellFormed()); // rejected without a reason
        Assert.False(new CancelReplaced { PlaceStatus = PlaceStatus.NotAttempted }.IsWellFormed()); // not attempted after a good cancel
        Assert.False(new CancelReplaced { CancelledQuantity = -1 }.IsWellFormed());
    }

    private static byte[] Encode<T>(in T body, ulong id = 42, long expiry = 1_767_225_605_000)
        where T : struct, IRequestBody<T>
    {
        var output = new ArrayBufferWriter<byte>();
        RequestCodec.Write(output, id, expiry, body);
        return output.WrittenSpan.ToArray();
    }

    private static DecodedRequest Decode(byte[] message)
    {
        Assert.True(RequestCodec.TryRead(message, out DecodedRequest request));
        return request;
    }

    private static byte[] EncodeResponse<T>(in T body)
        where T : struct, IResponseBody<T>
    {
        var output = new ArrayBufferWriter<byte>();
        ResponseCodec.Write(output, ulong.MaxValue, long.MinValue, body);
        return output.WrittenSpan.ToArray();
    }

    private static DecodedResponse DecodeResponse(byte[] message)
    {
        Assert.True(ResponseCodec.TryRead(message, out DecodedResponse response));
        return response;
    }

    private static byte[] Build(Action<MessagePackWriterBox> write)
    {
        var output = new ArrayBufferWriter<byte>();
        var box = new MessagePackWriterBox(output);
        write(box);
        return box.Finish();
    }

    private static void Frame(MessagePackWriterBox w, RequestKind kind)
    {
        w.WriteArrayHeader(4);
        w.Write((byte)kind);
        w.Write(42UL);
        w.Write(1_767_225_605_000L);
    }

    private static void PlaceFields(MessagePackWriterBox w, int fields)
    {
        long[] values = [7, 1001, 0, 0, 0, 250_000, 12];
        for (int i = 0; i < fields; i++)
        {
            if (i < values.Length)
            {
                w.Write(values[i]);
            }
            else if (i is 7 or 8)
            {
                w.WriteNil();
            }
            else if (i == 9)
            {
                w.Write(false);
            }
            else
            {
                w.Write(0);
            }
        }
    }

    private static void Batch(MessagePackWriterBox w, int orders, int fields)
    {
        Frame(w, RequestKind.BatchPlace);
        w.WriteArrayHeader(1);
        w.WriteArrayHeader(orders);
        for (int i = 0; i < orders; i++)
        {
            w.WriteArrayHeader(fields);
            PlaceFields(w, fields);
        }
    }

    private static void CancelReplaceBody(MessagePackWriterBox w, int fields)
    {
        Frame(w, RequestKind.CancelReplace);
        w.WriteArrayHeader(fields);
        w.Write(1000L);
        PlaceFields(w, fields - 1);
    }

    private static void HeartbeatBody(MessagePackWriterBox w, int fields, int timeout)
    {
        Frame(w, RequestKind.Heartbeat);
        w.WriteArrayHeader(fields);
        w.Write(77L);
        for (int i = 1; i < fields; i++)
        {
            w.Write(timeout);
        }
    }
}
