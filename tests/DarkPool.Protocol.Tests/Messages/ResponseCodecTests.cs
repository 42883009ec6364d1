using System.Buffers;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Responses;
using DarkPool.Protocol.Tests.Support;
using MessagePack;

namespace DarkPool.Protocol.Tests.Messages;

public sealed class ResponseCodecTests
{
    private static byte[] Encode<T>(in T body, ulong id = 42, long time = 1_767_225_600_123)
        where T : struct, IResponseBody<T>
    {
        var output = new ArrayBufferWriter<byte>();
        ResponseCodec.Write(output, id, time, body);
        return output.WrittenSpan.ToArray();
    }

    private static DecodedResponse Decode(byte[] message, ResponseKind kind)
    {
        Assert.True(ResponseCodec.TryRead(message, out DecodedResponse response));
        Assert.Equal(kind, response.Kind);
        Assert.Equal(42UL, response.ClientRequestId);
        Assert.Equal(1_767_225_600_123, response.TimeUnixMs);
        return response;
    }

    [Fact]
    public void WriteThenRead_EveryResponseKind_RoundTrips()
    {
        var accepted = new OrderAccepted { Market = 7, ClientOrderId = 1001 };
        Assert.Equal(accepted, Decode(Encode(accepted), ResponseKind.OrderAccepted).Accepted);
        var rejected = new RequestRejected { Reason = RejectCode.InsufficientFunds, Market = 7, ClientOrderId = 1001 };
        Assert.Equal(rejected, Decode(Encode(rejected), ResponseKind.RequestRejected).Rejected);
        var filled = new OrderFilled { Market = 7, ClientOrderId = 1001, Side = OrderSide.Buy, Price = 250_000, Quantity = 5, Fee = 12, Liquidity = Liquidity.Taker };
        Assert.Equal(filled, Decode(Encode(filled), ResponseKind.OrderFilled).Filled);
        var cancelled = new OrderCancelled { Market = 7, ClientOrderId = 1001, Quantity = 7, Reason = CancelCode.Disconnect };
        Assert.Equal(cancelled, Decode(Encode(cancelled), ResponseKind.OrderCancelled).Cancelled);
        var amended = new OrderAmended { Market = 7, ClientOrderId = 1001, Price = 249_000, Quantity = 4 };
        Assert.Equal(amended, Decode(Encode(amended), ResponseKind.OrderAmended).Amended);
        var reduced = new OrderReduced { Market = 7, ClientOrderId = 1001, ReducedBy = 2, Remaining = 3 };
        Assert.Equal(reduced, Decode(Encode(reduced), ResponseKind.OrderReduced).Reduced);
        var mass = new MassCancelled { Market = null, Count = 3 };
        Assert.Equal(mass, Decode(Encode(mass), ResponseKind.MassCancelled).MassCancelled);
        var withdrawal = new WithdrawalAccepted { Asset = 2, Amount = 10 };
        Assert.Equal(withdrawal, Decode(Encode(withdrawal), ResponseKind.WithdrawalAccepted).Withdrawal);
        var heartbeat = new HeartbeatAck { ClientTime = 99 };
        Assert.Equal(heartbeat, Decode(Encode(heartbeat), ResponseKind.HeartbeatAck).HeartbeatAck);
        _ = Decode(Encode(new SessionClosed()), ResponseKind.SessionClosed);
        var change = new BalanceChanged { Asset = 1, Available = 100, Held = 5 };
        Assert.Equal(change, Decode(Encode(change), ResponseKind.BalanceChanged).BalanceChanged);

        BalanceEntry[] balances = [new() { Asset = 1, Available = 10, Held = 2 }, new() { Asset = 2, Available = 0, Held = 0 }];
        BalancePage page = Decode(Encode(new BalancePage { Entries = balances, NextCursor = 3 }), ResponseKind.BalancePage).Balances;
        Assert.Equal(balances, page.Entries);
        Assert.Equal(3, page.NextCursor);
        OpenOrderEntry[] orders = [new() { Market = 7, ClientOrderId = 1, Side = OrderSide.Sell, Type = OrderKind.Midpoint, Price = null, Remaining = 4 }];
        OpenOrdersPage open = Decode(Encode(new OpenOrdersPage { Entries = orders }), ResponseKind.OpenOrdersPage).OpenOrders;
        Assert.Equal(orders, open.Entries);
    }

    /// <summary>Full pages of the widest values fit one standard envelope: a query answer is as long as an ack.</summary>
    [Fact]
    public void Write_FullPagesOfWorstCaseEntries_FitAStandardEnvelope()
    {
        int capacity = EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Standard);
        var balances = new BalancePage { Entries = Enumerable.Repeat(Samples.WorstBalanceEntry, BalancePage.MaxEntries).ToArray(), NextCursor = long.MaxValue };
        var orders = new OpenOrdersPage { Entries = Enumerable.Repeat(Samples.WorstOrderEntry, OpenOrdersPage.MaxEntries).ToArray(), NextCursor = long.MaxValue };
        var filled = new OrderFilled { Market = int.MinValue, ClientOrderId = long.MinValue, Side = OrderSide.Sell, Price = long.MinValue, Quantity = long.MinValue, Fee = long.MinValue, Liquidity = Liquidity.Auction };

        Assert.InRange(Encode(balances, ulong.MaxValue, long.MinValue).Length, 1, capacity);
        Assert.InRange(Encode(orders, ulong.MaxValue, long.MinValue).Length, 1, capacity);
        Assert.InRange(Encode(filled, ulong.MaxValue, long.MinValue).Length, 1, capacity);
    }

    [Fact]
    public void Write_PageTooLongOrMissing_Throws()
    {
        Assert.Throws<ArgumentException>(() => Encode(new BalancePage { Entries = new BalanceEntry[BalancePage.MaxEntries + 1] }));
        Assert.Throws<ArgumentException>(() => Encode(new OpenOrdersPage { Entries = null }));
        Assert.Throws<ArgumentException>(() => Encode(new RequestRejected { Reason = RejectCode.None }));
        Assert.Throws<ArgumentException>(() => Encode(new RequestRejected { Reason = (RejectCode)11 }));
        Assert.Throws<ArgumentException>(() => Encode(new OrderCancelled { Reason = (CancelCode)7 }));
    }

    [Fact]
    public void TryRead_Malformed_IsFalse()
    {
        byte[] valid = Encode(new OrderAccepted { Market = 7, ClientOrderId = 1001 });
        byte[] unknownKind = (byte[])valid.Clone();
        unknownKind[1] = 99;
        byte[] fullPage = Encode(new BalancePage { Entries = new BalanceEntry[BalancePage.MaxEntries] });
        byte[] longBody = MessagePackSerializer.Serialize(new BalancePage { Entries = new BalanceEntry[BalancePage.MaxEntries + 1] });
        byte[] tooLong = [.. fullPage[..12], .. longBody];

        Assert.False(ResponseCodec.TryRead(valid[..^1], out _));
        Assert.False(ResponseCodec.TryRead((byte[])[.. valid, 0xC0], out _));
        Assert.False(ResponseCodec.TryRead(unknownKind, out _));
        Assert.True(ResponseCodec.TryRead(fullPage, out _));
        Assert.False(ResponseCodec.TryRead(tooLong, out _));
        Assert.False(ResponseCodec.TryRead(ReadOnlyMemory<byte>.Empty, out _));
    }
}
