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

    [Fact]
    public void BatchCancelReplace_MaxQuotesAtTheirWidest_FitABulkEnvelope_AndOneMoreWouldNot()
    {
        CancelReplace widest = CancelReplace.Of(long.MinValue, Samples.WorstPlace);
        var quotes = new BatchCancelReplace { Quotes = [.. Enumerable.Repeat(widest, BatchCancelReplace.MaxQuotes)] };
        int bulk = EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Bulk);

        byte[] message = Encode(quotes, ulong.MaxValue, long.MinValue);

        Assert.InRange(message.Length, EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Standard) + 1, bulk);
        Assert.Equal(quotes.Quotes, Decode(message).BatchCancelReplace.Quotes);
        Assert.Equal(EnvelopeSizeClass.Bulk, RequestCodec.SizeClassOf(RequestKind.BatchCancelReplace));

        // The limit is tight: one more widest quote does not fit (measured on the same encoding, one element added).
        byte[] oneMore = Build(w => MassQuote(w, BatchCancelReplace.MaxQuotes + 1, 12, widest));
        Assert.True(oneMore.Length > bulk, $"{oneMore.Length} bytes");
    }

    [Fact]
    public void BatchCancelReplace_EmptyOverTheLimitOrABadQuote_IsNotWellFormedAndCannotBeWritten()
    {
        CancelReplace quote = CancelReplace.Of(1, Samples.Limit);

        Assert.Throws<ArgumentException>(() => Encode(new BatchCancelReplace { Quotes = [] }));
        Assert.Throws<ArgumentException>(() => Encode(new BatchCancelReplace()));
        Assert.Throws<ArgumentException>(() => Encode(new BatchCancelReplace { Quotes = [.. Enumerable.Repeat(quote, BatchCancelReplace.MaxQuotes + 1)] }));
        Assert.Throws<ArgumentException>(() => Encode(new BatchCancelReplace { Quotes = [quote, quote with { Side = (OrderSide)9 }] }));

        // The malformed cases below differ from this well-formed message in the one thing each names.
        Assert.True(RequestCodec.TryRead(Build(w => MassQuote(w, 2, 12)), out DecodedRequest read));
        Assert.Equal([1000L, 1001L], read.BatchCancelReplace.Quotes!.Select(q => q.CancelClientOrderId));
    }

    public static TheoryData<string, byte[]> MalformedMessages() => new()
    {
        { "mass quote of 16", Build(w => MassQuote(w, BatchCancelReplace.MaxQuotes + 1, 12)) },
        { "mass quote of 0", Build(w => MassQuote(w, 0, 12)) },
        { "mass quote entry of 11 fields", Build(w => MassQuote(w, 2, 11)) },
        { "mass quote entry of 13 fields", Build(w => MassQuote(w, 2, 13)) },
        { "mass quote body of 2 fields", Build(w => { Frame(w, RequestKind.BatchCancelReplace); w.WriteArrayHeader(2); w.WriteArrayHeader(0); w.WriteNil(); }) },
        { "mass quote with an undefined side", Build(w => MassQuote(w, 1, 12, CancelReplace.Of(1, Samples.Limit with { Side = (OrderSide)9 }), validate: false)) },
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
    public void BatchCancelReplaced_FullAnswerAtItsWidest_FitsAStandardEnvelopeAndRoundTrips()
    {
        var widest = new BatchCancelReplaceResult
        {
            CancelReject = RejectCode.None, CancelledQuantity = long.MaxValue, PlaceStatus = PlaceStatus.Rejected, PlaceReject = RejectCode.StaleReference,
        };
        var answer = new BatchCancelReplaced { Results = [.. Enumerable.Repeat(widest, BatchCancelReplace.MaxQuotes)] };

        byte[] message = EncodeResponse(answer);

        Assert.InRange(message.Length, 1, EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Standard));
        Assert.Equal(answer.Results, DecodeResponse(message).BatchCancelReplaced.Results);
        Assert.True(widest.IsWellFormed());
        Assert.False(widest.Replaced);
    }

    [Fact]
    public void BatchCancelReplaced_AnInconsistentResultOrCount_IsNotWellFormedAndNotRead()
    {
        var replaced = new BatchCancelReplaceResult { CancelledQuantity = 3, PlaceStatus = PlaceStatus.Accepted };
        Assert.True(replaced.Replaced);
        Assert.False((replaced with { CancelReject = RejectCode.UnknownOrder }).IsWellFormed()); // placed although the cancel failed
        Assert.False(new BatchCancelReplaced { Results = [] }.IsWellFormed());
        Assert.False(new BatchCancelReplaced { Results = [.. Enumerable.Repeat(replaced, BatchCancelReplace.MaxQuotes + 1)] }.IsWellFormed());

        // On the wire: a well-formed answer with its one result's place status patched to "accepted" after a failed cancel.
        byte[] good = EncodeResponse(new BatchCancelReplaced { Results = [new BatchCancelReplaceResult { CancelReject = RejectCode.UnknownOrder, PlaceStatus = PlaceStatus.NotAttempted }] });
        byte[] bad = (byte[])good.Clone();
        Assert.Equal((byte)PlaceStatus.NotAttempted, bad[^2]);
        bad[^2] = (byte)PlaceStatus.Accepted;
        Assert.True(ResponseCodec.TryRead(good, out _));
        Assert.False(ResponseCodec.TryRead(bad, out DecodedResponse response));
        Assert.Equal(default, response.Kind);
    }

    [Theory]
    [InlineData(ResponseKind.BatchPlaced, 2, true)]
    [InlineData(ResponseKind.BatchPlaced, 1, false)]
    [InlineData(ResponseKind.BatchPlaced, 3, false)]
    [InlineData(ResponseKind.BatchCancelReplaced, 4, true)]
    [InlineData(ResponseKind.BatchCancelReplaced, 3, false)]
    [InlineData(ResponseKind.BatchCancelReplaced, 5, false)]
    public void BatchAnswers_EachResultMustHaveExactlyItsFields(ResponseKind kind, int fields, bool readable)
    {
        byte[] message = Build(w =>
        {
            w.WriteArrayHeader(ResponseCodec.FrameFieldCount);
            w.Write((byte)kind);
            w.Write(7UL);
            w.Write(1_767_225_605_000L);
            w.WriteArrayHeader(1);
            w.WriteArrayHeader(2);
            for (int r = 0; r < 2; r++)
            {
                // A cancel that failed and a place not attempted (batch cancel-replace), or an id and "accepted" (batch
                // place); extra elements are zeros.
                w.WriteArrayHeader(fields);
                for (int f = 0; f < fields; f++)
                {
                    w.Write(kind == ResponseKind.BatchCancelReplaced ? f switch { 0 => (long)RejectCode.UnknownOrder, 2 => (long)PlaceStatus.NotAttempted, _ => 0L } : f == 0 ? 40L + r : 0L);
                }
            }
        });

        Assert.Equal(readable, ResponseCodec.TryRead(message, out DecodedResponse response));
        Assert.Equal(readable ? kind : default, response.Kind);
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

    private static void MassQuote(MessagePackWriterBox w, int quotes, int fields, CancelReplace? quote = null, bool validate = true)
    {
        Frame(w, RequestKind.BatchCancelReplace);
        w.WriteArrayHeader(1);
        w.WriteArrayHeader(quotes);
        for (int i = 0; i < quotes; i++)
        {
            if (quote is { } q)
            {
                Assert.True(fields == CancelReplace.FieldCount && (!validate || q.IsWellFormed()));
                w.WriteArrayHeader(fields);
                w.Write(q.CancelClientOrderId);
                w.Write(q.Market);
                w.Write(q.ClientOrderId);
                w.Write((byte)q.Side);
                w.Write((byte)q.Type);
                w.Write((byte)q.TimeInForce);
                WriteNullable(w, q.Price);
                w.Write(q.Quantity);
                WriteNullable(w, q.Budget);
                WriteNullable(w, q.MinQuantity);
                w.Write(q.PostOnly);
                w.Write((byte)q.Stp);
            }
            else
            {
                w.WriteArrayHeader(fields);
                w.Write(1000L + i);
                PlaceFields(w, fields - 1);
            }
        }
    }

    private static void WriteNullable(MessagePackWriterBox w, long? value)
    {
        if (value is { } v)
        {
            w.Write(v);
        }
        else
        {
            w.WriteNil();
        }
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
