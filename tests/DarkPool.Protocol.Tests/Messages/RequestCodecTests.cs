using System.Buffers;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Tests.Support;

namespace DarkPool.Protocol.Tests.Messages;

public sealed class RequestCodecTests
{
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
        Assert.Equal(42UL, request.ClientRequestId);
        Assert.Equal(1_767_225_605_000, request.ExpiresAtUnixMs);
        return request;
    }

    [Fact]
    public void WriteThenRead_EveryRequestKind_RoundTrips()
    {
        Assert.Equal(Samples.Limit, Decode(Encode(Samples.Limit)).Place);
        Assert.Equal(Samples.Market, Decode(Encode(Samples.Market)).Place);
        Assert.Equal(Samples.Midpoint, Decode(Encode(Samples.Midpoint)).Place);
        Assert.Equal(Samples.WorstPlace, Decode(Encode(Samples.WorstPlace)).Place);
        var cancel = new CancelOrder { Market = 7, ClientOrderId = 1001 };
        Assert.Equal(cancel, Decode(Encode(cancel)).Cancel);
        var amend = new AmendOrder { Market = 7, ClientOrderId = 1001, NewPrice = 249_000 };
        Assert.Equal(amend, Decode(Encode(amend)).Amend);
        var massAll = new MassCancel();
        Assert.Equal(massAll, Decode(Encode(massAll)).MassCancel);
        var massOne = new MassCancel { Market = 3 };
        Assert.Equal(massOne, Decode(Encode(massOne)).MassCancel);
        var withdraw = new WithdrawRequest { Asset = 2, Amount = 5_000_000 };
        Assert.Equal(withdraw, Decode(Encode(withdraw)).Withdraw);
        var balances = new BalanceQuery { Cursor = 8 };
        Assert.Equal(balances, Decode(Encode(balances)).BalanceQuery);
        var orders = new OpenOrdersQuery { Market = 7, Cursor = 6 };
        Assert.Equal(orders, Decode(Encode(orders)).OpenOrdersQuery);
        var heartbeat = new Heartbeat { ClientTime = 123 };
        Assert.Equal(heartbeat, Decode(Encode(heartbeat)).Heartbeat);
        Assert.Equal(RequestKind.CloseSession, Decode(Encode(new CloseSession())).Kind);
    }

    [Fact]
    public void Write_WorstCaseOfEveryKind_FitsAStandardEnvelope()
    {
        int capacity = EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Standard);
        const ulong id = ulong.MaxValue;
        const long expiry = long.MinValue;

        Assert.True(Encode(Samples.WorstPlace, id, expiry).Length <= capacity);
        Assert.True(Encode(new AmendOrder { Market = int.MinValue, ClientOrderId = long.MinValue, NewPrice = long.MinValue, NewQuantity = long.MinValue }, id, expiry).Length <= capacity);
        Assert.True(Encode(new OpenOrdersQuery { Market = int.MinValue, Cursor = long.MaxValue }, id, expiry).Length <= capacity);
    }

    [Fact]
    public void Write_RequestIdZeroOrIllFormedBody_Throws()
    {
        Assert.Throws<ArgumentException>(() => Encode(Samples.Limit, id: 0));
        Assert.Throws<ArgumentException>(() => Encode(new AmendOrder { Market = 1, ClientOrderId = 1 }));
        Assert.Throws<ArgumentException>(() => Encode(Samples.Limit with { Side = (OrderSide)2 }));
    }

    public static TheoryData<string, byte[]> MalformedMessages()
    {
        byte[] valid = Encode(Samples.Limit);
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "truncated by one byte", valid[..^1] },
            { "truncated to the frame", valid[..12] },
            { "trailing byte", [.. valid, 0x00] },
            { "not an array", [0x80] },
            { "frame of three", Build(w => { w.WriteArrayHeader(3); w.Write(1); w.Write(42UL); w.Write(1L); }) },
            { "frame of five", Build(w => { Frame(w, 1, 5); w.WriteArrayHeader(2); w.Write(1); w.Write(2L); w.WriteNil(); }) },
            { "unknown kind 0", Build(w => { Frame(w, 0); w.WriteArrayHeader(0); }) },
            { "unknown kind 99", Build(w => { Frame(w, 99); w.WriteArrayHeader(0); }) },
            { "kind as a string", Build(w => { w.WriteArrayHeader(4); w.Write("place"); w.Write(42UL); w.Write(1L); w.WriteArrayHeader(0); }) },
            { "request id 0", Build(w => { w.WriteArrayHeader(4); w.Write((byte)2); w.Write(0UL); w.Write(1L); Cancel(w, 2); }) },
            { "request id negative", Build(w => { w.WriteArrayHeader(4); w.Write((byte)2); w.Write(-1L); w.Write(1L); Cancel(w, 2); }) },
            { "body with an extra element", Build(w => { Frame(w, 2); Cancel(w, 3); }) },
            { "body with a missing element", Build(w => { Frame(w, 2); Cancel(w, 1); }) },
            { "body nil", Build(w => { Frame(w, 2); w.WriteNil(); }) },
            { "market beyond 32 bits", Build(w => { Frame(w, 2); w.WriteArrayHeader(2); w.Write(1L << 40); w.Write(1L); }) },
            { "order id as a string", Build(w => { Frame(w, 2); w.WriteArrayHeader(2); w.Write(7); w.Write("1001"); }) },
            { "side out of range", Place(side: 2) },
            { "time in force out of range", Place(tif: 3) },
            { "stp out of range", Place(stp: 4) },
            { "post-only not a bool", Place(postOnly: false) },
            { "amend changing nothing", Build(w => { Frame(w, 3); w.WriteArrayHeader(4); w.Write(7); w.Write(1L); w.WriteNil(); w.WriteNil(); }) },
            { "negative cursor", Build(w => { Frame(w, 6); w.WriteArrayHeader(1); w.Write(-1L); }) },
            { "deep nesting", Build(w => { Frame(w, 2); for (int i = 0; i < 200; i++) { w.WriteArrayHeader(1); } w.Write(1); }) },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public void TryRead_Malformed_IsFalseNotAnException(string name, byte[] message)
    {
        Assert.False(RequestCodec.TryRead(message, out DecodedRequest request), name);
        Assert.Equal(default, request.Kind);
    }

    [Fact]
    public void TryRead_RandomBytes_NeverThrows()
    {
        var random = new Random(20261125);
        byte[] valid = Encode(Samples.Limit);
        for (int i = 0; i < 5_000; i++)
        {
            byte[] message = (byte[])valid.Clone();
            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips; f++)
            {
                message[random.Next(message.Length)] = (byte)random.Next(256);
            }

            _ = RequestCodec.TryRead(message, out _);
            byte[] noise = new byte[random.Next(64)];
            random.NextBytes(noise);
            _ = RequestCodec.TryRead(noise, out _);
        }
    }

    private static byte[] Build(Action<MessagePackWriterBox> write)
    {
        var output = new ArrayBufferWriter<byte>();
        var box = new MessagePackWriterBox(output);
        write(box);
        return box.Finish();
    }

    private static void Frame(MessagePackWriterBox w, byte kind, int fields = 4)
    {
        w.WriteArrayHeader(fields);
        w.Write(kind);
        w.Write(42UL);
        w.Write(1_767_225_605_000L);
    }

    private static void Cancel(MessagePackWriterBox w, int fields)
    {
        w.WriteArrayHeader(fields);
        w.Write(7);
        w.Write(1001L);
        for (int i = 2; i < fields; i++)
        {
            w.Write(0);
        }
    }

    private static byte[] Place(int side = 0, int tif = 0, int stp = 0, bool postOnly = true) => Build(w =>
    {
        Frame(w, 1);
        w.WriteArrayHeader(11);
        w.Write(7);
        w.Write(1001L);
        w.Write(side);
        w.Write(0);
        w.Write(tif);
        w.Write(250_000L);
        w.Write(12L);
        w.WriteNil();
        w.WriteNil();
        if (postOnly)
        {
            w.Write(true);
        }
        else
        {
            w.Write(1);
        }

        w.Write(stp);
    });
}
