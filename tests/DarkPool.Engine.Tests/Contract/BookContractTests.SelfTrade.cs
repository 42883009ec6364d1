using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Contract;

public abstract partial class BookContractTests
{
    private EngineDriver SelfTradeBook()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 3));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Sell, 100, 4));
        return d;
    }

    [Fact]
    public void Stp_CancelResting_CancelsOwnAndTradesOn()
    {
        EngineDriver d = SelfTradeBook();
        List<EngineEvent> events = d.Run(Command.Limit(1, BtcUsdc, 9, Side.Buy, 100, 5));

        Assert.Equal([EventType.Accepted, EventType.Cancelled, EventType.Trade], events.Select(e => e.Type));
        Assert.Equal((1, 1L, 3L, CancelReason.Stp), (events[1].Account, events[1].OrderId, events[1].Quantity, events[1].CancelReason));
        Assert.Equal((2, 4L), (events[2].MakerAccount, events[2].Quantity));
        Assert.Equal(0, d.Held(1, Btc));
        var (bids, _) = d.Book(BtcUsdc);
        Assert.Equal([new BookLevel(100, 1, 1)], bids);
    }

    [Fact]
    public void Stp_CancelIncoming_CancelsIncomingAndKeepsResting()
    {
        EngineDriver d = SelfTradeBook();
        List<EngineEvent> events = d.Run(Command.Limit(1, BtcUsdc, 9, Side.Buy, 100, 5, stp: StpMode.CancelIncoming));

        Assert.Equal([EventType.Accepted, EventType.Cancelled], events.Select(e => e.Type));
        Assert.Equal((1, 9L, 5L, CancelReason.Stp), (events[1].Account, events[1].OrderId, events[1].Quantity, events[1].CancelReason));
        Assert.Equal(2, d.Engine.GetOrderCount(BtcUsdc));
        Assert.Equal(0, d.Held(1, Usdc));
    }

    [Fact]
    public void Stp_CancelBoth_CancelsRestingThenIncoming()
    {
        EngineDriver d = SelfTradeBook();
        List<EngineEvent> events = d.Run(Command.Limit(1, BtcUsdc, 9, Side.Buy, 100, 5, stp: StpMode.CancelBoth));

        Assert.Equal([(EventType.Accepted, 9L), (EventType.Cancelled, 1L), (EventType.Cancelled, 9L)], events.Select(e => (e.Type, e.OrderId)));
        Assert.Equal(1, d.Engine.GetOrderCount(BtcUsdc));
        Assert.Equal((0L, 0L), (d.Held(1, Usdc), d.Held(1, Btc)));
    }

    [Fact]
    public void Stp_DecrementSmallerResting_CancelsRestingReducesIncomingAndTradesOn()
    {
        EngineDriver d = SelfTradeBook();
        List<EngineEvent> events = d.Run(Command.Limit(1, BtcUsdc, 9, Side.Buy, 100, 5, stp: StpMode.Decrement));

        Assert.Equal([EventType.Accepted, EventType.Cancelled, EventType.Reduced, EventType.Trade], events.Select(e => e.Type));
        Assert.Equal((1L, 3L), (events[1].OrderId, events[1].Quantity));
        Assert.Equal((9L, 3L, 2L), (events[2].OrderId, events[2].Quantity, events[2].Remaining));
        Assert.Equal(2, events[3].Quantity);
        Assert.DoesNotContain(events, e => e.Type == EventType.Trade && e.MakerAccount == 1);
        Assert.Equal(0, d.Held(1, Usdc));
        Assert.Equal(1_000_000 - 200, d.Available(1, Usdc));
    }

    [Fact]
    public void Stp_DecrementSmallerIncoming_ReducesRestingAndCancelsIncoming()
    {
        EngineDriver d = SelfTradeBook();
        List<EngineEvent> events = d.Run(Command.Limit(1, BtcUsdc, 9, Side.Buy, 100, 2, stp: StpMode.Decrement));

        Assert.Equal([EventType.Accepted, EventType.Reduced, EventType.Cancelled], events.Select(e => e.Type));
        Assert.Equal((1L, 2L, 1L), (events[1].OrderId, events[1].Quantity, events[1].Remaining));
        Assert.Equal((9L, 2L, CancelReason.Stp), (events[2].OrderId, events[2].Quantity, events[2].CancelReason));
        Assert.Equal(1, d.Held(1, Btc));
        var (_, asks) = d.Book(BtcUsdc);
        Assert.Equal([new BookLevel(100, 5, 2)], asks);
    }

    [Fact]
    public void Stp_AmendedOrderThatCrossesIsTheIncomingOne()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 101, 3));
        d.Run(Command.Limit(1, BtcUsdc, 2, Side.Buy, 99, 3, stp: StpMode.CancelIncoming));
        List<EngineEvent> events = d.Run(Command.AmendOrder(1, BtcUsdc, 2, 101, null));

        Assert.Equal([(EventType.Amended, 2L), (EventType.Cancelled, 2L)], events.Select(e => (e.Type, e.OrderId)));
        Assert.Equal(1, d.Engine.GetOrderCount(BtcUsdc));
    }
}
