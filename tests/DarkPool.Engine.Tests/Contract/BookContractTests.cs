using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Contract;

/// <summary>
/// The rules of the book, run against both implementations (see the two sealed subclasses). Every
/// command goes through <see cref="EngineDriver.Run"/>, which checks internal consistency after it.
/// </summary>
public abstract partial class BookContractTests
{
    protected abstract BookKind Kind { get; }

    protected EngineDriver NewDriver(int makerFeeBps = 0, int takerFeeBps = 0) => WithMarkets(Kind, makerFeeBps, takerFeeBps);

    protected static EngineEvent Single(List<EngineEvent> events, EventType type) => Assert.Single(events, e => e.Type == type);

    protected static void AssertRejected(List<EngineEvent> events, RejectReason reason)
    {
        EngineEvent e = Assert.Single(events);
        Assert.Equal(EventType.Rejected, e.Type);
        Assert.Equal(reason, e.RejectReason);
    }

    /// <summary>Runs a command that must be rejected with the reason and must leave the state hash unchanged.</summary>
    protected static void AssertRejectedUnchanged(EngineDriver d, Command command, RejectReason reason)
    {
        long before = d.Engine.ComputeStateHash();
        AssertRejected(d.Run(command), reason);
        Assert.Equal(before, d.Engine.ComputeStateHash());
    }

    [Fact]
    public void Place_RestingLimitBuy_AcceptedAndHoldsPriceTimesQuantity()
    {
        EngineDriver d = NewDriver();
        List<EngineEvent> events = d.Run(Command.Limit(1, BtcUsdc, 7, Side.Buy, 100, 5));

        EngineEvent accepted = Assert.Single(events);
        Assert.Equal(EventType.Accepted, accepted.Type);
        Assert.Equal((1, 7L), (accepted.Account, accepted.OrderId));
        Assert.Equal(500, d.Held(1, Usdc));
        Assert.Equal(1_000_000 - 500, d.Available(1, Usdc));
        var (bids, asks) = d.Book(BtcUsdc);
        Assert.Equal([new BookLevel(100, 5, 1)], bids);
        Assert.Empty(asks);
    }

    [Fact]
    public void Place_RestingLimitSell_HoldsBase()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 5));
        Assert.Equal(5, d.Held(1, Btc));
        Assert.Equal(995, d.Available(1, Btc));
    }

    [Fact]
    public void Place_CrossingBuy_TradesAtRestingPriceAndReleasesImprovement()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 5));
        List<EngineEvent> events = d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 105, 5));

        Assert.Equal([EventType.Accepted, EventType.Trade], events.Select(e => e.Type));
        EngineEvent trade = events[1];
        Assert.Equal((100L, 5L), (trade.Price, trade.Quantity));
        Assert.Equal((2, 2L, Side.Buy), (trade.Account, trade.OrderId, trade.Side));
        Assert.Equal((1, 1L), (trade.MakerAccount, trade.MakerOrderId));
        Assert.Equal(1_000_000 - 500, d.Available(2, Usdc));
        Assert.Equal(0, d.Held(2, Usdc));
        Assert.Equal(1_005, d.Available(2, Btc));
        Assert.Equal(1_000_500, d.Available(1, Usdc));
        Assert.Equal(995, d.Available(1, Btc) + d.Held(1, Btc));
        Assert.Equal(0, d.Engine.GetOrderCount(BtcUsdc));
    }

    [Fact]
    public void Place_Sweep_FollowsPriceThenTimePriority()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 101, 2));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Sell, 100, 2));
        d.Run(Command.Limit(3, BtcUsdc, 3, Side.Sell, 100, 2));
        List<EngineEvent> trades = d.Run(Command.Limit(4, BtcUsdc, 4, Side.Buy, 101, 5)).Where(e => e.Type == EventType.Trade).ToList();

        Assert.Equal([(2, 100L, 2L), (3, 100L, 2L), (1, 101L, 1L)], trades.Select(t => (t.MakerAccount, t.Price, t.Quantity)));
        var (bids, asks) = d.Book(BtcUsdc);
        Assert.Empty(bids);
        Assert.Equal([new BookLevel(101, 1, 1)], asks);
    }

    [Fact]
    public void Place_PartialFillGtc_RestsRemainder()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 2));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 100, 5));
        var (bids, asks) = d.Book(BtcUsdc);
        Assert.Equal([new BookLevel(100, 3, 1)], bids);
        Assert.Empty(asks);
        Assert.Equal(300, d.Held(2, Usdc));
    }

    [Fact]
    public void Place_Ioc_RemainderCancelledUnfilled()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 2));
        List<EngineEvent> events = d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 100, 5, TimeInForce.Ioc));

        Assert.Equal([EventType.Accepted, EventType.Trade, EventType.Cancelled], events.Select(e => e.Type));
        Assert.Equal((3L, CancelReason.Unfilled), (events[2].Quantity, events[2].CancelReason));
        Assert.Equal(0, d.Held(2, Usdc));
        Assert.Equal(0, d.Engine.GetOrderCount(BtcUsdc));
    }

    [Fact]
    public void Place_FokNotFillable_NothingTrades()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 2));
        d.Run(Command.Limit(3, BtcUsdc, 3, Side.Sell, 102, 9));
        List<EngineEvent> events = d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 101, 3, TimeInForce.Fok));

        Assert.Equal([EventType.Accepted, EventType.Cancelled], events.Select(e => e.Type));
        Assert.Equal((3L, CancelReason.Unfilled), (events[1].Quantity, events[1].CancelReason));
        Assert.Equal(2, d.Engine.GetOrderCount(BtcUsdc));
        Assert.Equal(1_000_000, d.Available(2, Usdc));
    }

    [Fact]
    public void Place_FokFillable_FillsAcrossLevels()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 2));
        d.Run(Command.Limit(3, BtcUsdc, 3, Side.Sell, 101, 9));
        List<EngineEvent> events = d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 101, 5, TimeInForce.Fok));

        Assert.Equal([EventType.Accepted, EventType.Trade, EventType.Trade], events.Select(e => e.Type));
        Assert.Equal(5, events.Where(e => e.Type == EventType.Trade).Sum(e => e.Quantity));
    }

    [Fact]
    public void Place_FokOwnOrdersDoNotCountAsFillable()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 1, Side.Sell, 100, 5));
        d.Run(Command.Limit(1, BtcUsdc, 2, Side.Sell, 100, 2));
        List<EngineEvent> events = d.Run(Command.Limit(2, BtcUsdc, 3, Side.Buy, 100, 3, TimeInForce.Fok));

        Assert.Equal([EventType.Accepted, EventType.Cancelled], events.Select(e => e.Type));
        Assert.Equal(CancelReason.Unfilled, events[1].CancelReason);
        Assert.Equal(2, d.Engine.GetOrderCount(BtcUsdc));
    }

    [Fact]
    public void Place_FokWithCancelRestingStp_SkipsOwnAndFillsFromOthers()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 1, Side.Sell, 100, 5));
        d.Run(Command.Limit(1, BtcUsdc, 2, Side.Sell, 100, 3));
        List<EngineEvent> events = d.Run(Command.Limit(2, BtcUsdc, 3, Side.Buy, 100, 3, TimeInForce.Fok));

        Assert.Equal([EventType.Accepted, EventType.Cancelled, EventType.Trade], events.Select(e => e.Type));
        Assert.Equal((2, 1L, CancelReason.Stp), (events[1].Account, events[1].OrderId, events[1].CancelReason));
        Assert.Equal((1, 3L), (events[2].MakerAccount, events[2].Quantity));
    }

    [Fact]
    public void Place_FokWithCancelIncomingStp_OwnOrderInTheWay_NotFillable()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 1, Side.Sell, 100, 5));
        d.Run(Command.Limit(1, BtcUsdc, 2, Side.Sell, 100, 9));
        long before = d.Engine.GetOrderCount(BtcUsdc);
        List<EngineEvent> events = d.Run(Command.Limit(2, BtcUsdc, 3, Side.Buy, 100, 3, TimeInForce.Fok, StpMode.CancelIncoming));

        Assert.Equal([EventType.Accepted, EventType.Cancelled], events.Select(e => e.Type));
        Assert.Equal(CancelReason.Unfilled, events[1].CancelReason);
        Assert.Equal(before, d.Engine.GetOrderCount(BtcUsdc));
    }

    [Fact]
    public void Place_PostOnlyThatWouldCross_RejectedAndStateUnchanged()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 2));
        AssertRejectedUnchanged(d, Command.Limit(2, BtcUsdc, 2, Side.Buy, 100, 1, postOnly: true), RejectReason.PostOnlyWouldCross);
        AssertRejectedUnchanged(d, Command.Limit(1, BtcUsdc, 3, Side.Buy, 101, 1, postOnly: true), RejectReason.PostOnlyWouldCross);
    }

    [Fact]
    public void Place_PostOnlyThatDoesNotCross_Rests()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 2));
        List<EngineEvent> events = d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 99, 1, postOnly: true));
        Assert.Equal(EventType.Accepted, Assert.Single(events).Type);
        Assert.Equal(2, d.Engine.GetOrderCount(BtcUsdc));
    }
}

public sealed class FastBookContractTests : BookContractTests
{
    protected override BookKind Kind => BookKind.Fast;
}

public sealed class ReferenceBookContractTests : BookContractTests
{
    protected override BookKind Kind => BookKind.Reference;
}
