using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Contract;

/// <summary>Reference prices and midpoint pegs, on both books.</summary>
public abstract partial class BookContractTests
{
    private EngineDriver WithReference(long bid, long ask, long maxAge = 0, long observedAt = 0, long now = 0)
    {
        EngineDriver d = new(Kind);
        d.Run(Command.NewMarket(BtcUsdc, Btc, Usdc, tickSize: 1, lotSize: 1, maxReferenceAge: maxAge));
        for (int account = 1; account <= 4; account++)
        {
            d.Run(Command.DepositFunds(account, Btc, 1_000));
            d.Run(Command.DepositFunds(account, Usdc, 1_000_000));
        }

        d.Run(Command.ReferencePrice(BtcUsdc, bid, ask, observedAt, now));
        return d;
    }

    private static EngineEvent Trade(List<EngineEvent> events) => Assert.Single(events, e => e.Type == EventType.Trade);

    [Fact]
    public void Midpoint_TwoPegsCross_TradeAtMid()
    {
        EngineDriver d = WithReference(100, 110);
        Assert.Equal([EventType.Accepted], d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Sell, 5)).Select(e => e.Type));
        List<EngineEvent> events = d.Run(Command.Midpoint(2, BtcUsdc, 2, Side.Buy, 3));

        EngineEvent trade = Trade(events);
        Assert.Equal((105L, 3L), (trade.Price, trade.Quantity));
        Assert.Equal((2, 1), (trade.Account, trade.MakerAccount));
        Assert.Equal(1_000 + 3, d.Available(2, Btc));
        Assert.Equal(1_000_000 - 315, d.Available(2, Usdc));
        Assert.Equal(0, d.Held(2, Usdc));
        Assert.Equal(2, d.Held(1, Btc));
    }

    [Fact]
    public void Midpoint_LimitAtOrThroughMid_TakesPegAtMid()
    {
        EngineDriver d = WithReference(100, 110);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Sell, 5));
        Assert.DoesNotContain(d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 104, 1)), e => e.Type == EventType.Trade);

        EngineEvent atMid = Trade(d.Run(Command.Limit(2, BtcUsdc, 3, Side.Buy, 105, 1)));
        Assert.Equal((105L, 1L), (atMid.Price, atMid.Quantity));
        EngineEvent through = Trade(d.Run(Command.Limit(3, BtcUsdc, 4, Side.Buy, 120, 2)));
        Assert.Equal((105L, 2L), (through.Price, through.Quantity));

        // The limit buy at 120 paid the mid: its hold for the price it did not pay came back.
        Assert.Equal(1_000_000 - 210, d.Available(3, Usdc));
    }

    [Fact]
    public void Midpoint_IncomingPegMeetsLimitInsideSpread_PrintsAtMid()
    {
        EngineDriver d = WithReference(100, 110);
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 103, 2));
        EngineEvent trade = Trade(d.Run(Command.Midpoint(2, BtcUsdc, 2, Side.Buy, 2)));
        Assert.Equal((105L, 2L, 1), (trade.Price, trade.Quantity, trade.MakerAccount));
    }

    [Fact]
    public void Midpoint_LimitBetterThanMid_TradesFirstAtItsOwnPrice()
    {
        EngineDriver d = WithReference(100, 110);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Sell, 1));
        d.Run(Command.Limit(3, BtcUsdc, 2, Side.Sell, 104, 1));
        d.Run(Command.Limit(4, BtcUsdc, 3, Side.Sell, 107, 1));
        List<EngineEvent> trades = d.Run(Command.Limit(2, BtcUsdc, 4, Side.Buy, 110, 3)).Where(e => e.Type == EventType.Trade).ToList();

        Assert.Equal([(104L, 3), (105L, 1), (107L, 4)], trades.Select(t => (t.Price, t.MakerAccount)));
    }

    [Fact]
    public void Midpoint_CappedPeg_StopsPastCapAndTradesWhenMidComesBack()
    {
        EngineDriver d = WithReference(100, 110);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Buy, 4, limit: 106));
        Assert.Equal(106 * 4, d.Held(1, Usdc));

        d.Run(Command.ReferencePrice(BtcUsdc, 104, 112));
        Assert.DoesNotContain(d.Run(Command.Midpoint(2, BtcUsdc, 2, Side.Sell, 4)), e => e.Type == EventType.Trade);

        List<EngineEvent> events = d.Run(Command.ReferencePrice(BtcUsdc, 100, 110));
        Assert.Equal(EventType.ReferenceUpdated, events[0].Type);
        EngineEvent trade = Trade(events);
        Assert.Equal((105L, 4L), (trade.Price, trade.Quantity));
        Assert.Equal(0, d.Engine.GetOrderCount(BtcUsdc));
    }

    [Fact]
    public void Midpoint_StaleReference_StopsMidpointTradingUntilRefreshed()
    {
        EngineDriver d = WithReference(100, 110, maxAge: 1_000, observedAt: 0, now: 0);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Sell, 2));

        Command late = Command.Midpoint(2, BtcUsdc, 2, Side.Buy, 2);
        late.Timestamp = 1_001;
        Assert.DoesNotContain(d.Run(late), e => e.Type == EventType.Trade);
        Command lateLimit = Command.Limit(3, BtcUsdc, 3, Side.Buy, 200, 1);
        lateLimit.Timestamp = 1_002;
        Assert.DoesNotContain(d.Run(lateLimit), e => e.Type == EventType.Trade);

        // A fresh reference lets the resting pegs and the limit order trade again, oldest peg first.
        List<EngineEvent> trades = d.Run(Command.ReferencePrice(BtcUsdc, 100, 110, observedAt: 1_500, timestamp: 1_600))
            .Where(e => e.Type == EventType.Trade).ToList();
        Assert.Equal(2, trades.Sum(t => t.Quantity));
        Assert.All(trades, t => Assert.Equal(105, t.Price));
    }

    [Fact]
    public void Midpoint_CrossedOrLockedReference_NoMidpointTrades()
    {
        EngineDriver d = WithReference(110, 110);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Sell, 2));
        Assert.DoesNotContain(d.Run(Command.Midpoint(2, BtcUsdc, 2, Side.Buy, 2, limit: 200)), e => e.Type == EventType.Trade);
        Assert.Equal(0, d.Run(Command.ReferencePrice(BtcUsdc, 112, 108))[0].Price);
        Assert.DoesNotContain(d.Run(Command.Limit(3, BtcUsdc, 3, Side.Buy, 200, 1)), e => e.Type == EventType.Trade);
        Assert.Equal(3, d.Engine.GetOrderCount(BtcUsdc));
    }

    [Fact]
    public void Reference_OlderObservation_RejectedStale()
    {
        EngineDriver d = WithReference(100, 110, observedAt: 50, now: 60);
        AssertRejectedUnchanged(d, Command.ReferencePrice(BtcUsdc, 101, 111, observedAt: 49, timestamp: 70), RejectReason.StaleReference);
        AssertRejectedUnchanged(d, Command.ReferencePrice(BtcUsdc, 0, 111, observedAt: 80, timestamp: 90), RejectReason.InvalidPrice);
        AssertRejectedUnchanged(d, Command.ReferencePrice(9, 100, 111), RejectReason.UnknownMarket);
        AssertRejectedUnchanged(d, Command.ReferencePrice(BtcUsdc, 101, 111, observedAt: 1_000, timestamp: 999), RejectReason.StaleReference);
        Assert.Equal(EventType.ReferenceUpdated, d.Run(Command.ReferencePrice(BtcUsdc, 101, 111, observedAt: 1_000, timestamp: 1_000))[0].Type);
    }

    [Theory]
    [InlineData(100, 103, 102)] // 101.5: 101 is odd, so the even neighbour 102
    [InlineData(100, 105, 102)] // 102.5: 102 is even
    [InlineData(100, 104, 102)] // exact
    public void Midpoint_MidBetweenUnits_RoundsHalfToEven(long bid, long ask, long expected)
    {
        EngineDriver d = WithReference(bid, ask);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Sell, 1));
        Assert.Equal(expected, Trade(d.Run(Command.Midpoint(2, BtcUsdc, 2, Side.Buy, 1))).Price);
    }

    [Fact]
    public void Midpoint_RepriceOfSomeUncappedBuys_KeepsTimePriorityAmongPegs()
    {
        EngineDriver d = WithReference(100, 110);

        // Account 2 can fund one lot at 105 and no more, so the rise to 125 re-holds the pegs of 1 and 3
        // but not its own; the fall back to 105 re-holds 1 and 3 again while 2's is already there. A reprice
        // that sent an order to the back of the queue would leave them 2, 1, 3.
        d.Run(Command.WithdrawFunds(2, Usdc, 1_000_000 - 105));
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Buy, 1));
        d.Run(Command.Midpoint(2, BtcUsdc, 2, Side.Buy, 1));
        d.Run(Command.Midpoint(3, BtcUsdc, 3, Side.Buy, 1));
        d.Run(Command.ReferencePrice(BtcUsdc, 120, 130));
        Assert.Equal((125L, 105L, 125L), (d.Held(1, Usdc), d.Held(2, Usdc), d.Held(3, Usdc)));
        d.Run(Command.ReferencePrice(BtcUsdc, 100, 110));
        Assert.Equal((105L, 105L, 105L), (d.Held(1, Usdc), d.Held(2, Usdc), d.Held(3, Usdc)));

        List<EngineEvent> trades = d.Run(Command.Midpoint(4, BtcUsdc, 4, Side.Sell, 3)).Where(e => e.Type == EventType.Trade).ToList();
        Assert.Equal([(105L, 1), (105L, 2), (105L, 3)], trades.Select(t => (t.Price, t.MakerAccount)));
    }

    [Fact]
    public void Midpoint_SellPegsAcrossReferenceMoves_KeepTimePriority()
    {
        EngineDriver d = WithReference(100, 110);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Sell, 1));
        d.Run(Command.Midpoint(3, BtcUsdc, 2, Side.Sell, 1));
        d.Run(Command.ReferencePrice(BtcUsdc, 120, 130));
        d.Run(Command.ReferencePrice(BtcUsdc, 90, 100));
        List<EngineEvent> trades = d.Run(Command.Midpoint(2, BtcUsdc, 3, Side.Buy, 2)).Where(e => e.Type == EventType.Trade).ToList();
        Assert.Equal([(95L, 1), (95L, 3)], trades.Select(t => (t.Price, t.MakerAccount)));
    }

    [Fact]
    public void Midpoint_UncappedBuy_HoldFollowsTheMid()
    {
        EngineDriver d = WithReference(100, 110);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Buy, 10));
        Assert.Equal(1_050, d.Held(1, Usdc));
        d.Run(Command.ReferencePrice(BtcUsdc, 200, 210));
        Assert.Equal(2_050, d.Held(1, Usdc));
        d.Run(Command.ReferencePrice(BtcUsdc, 80, 90));
        Assert.Equal(850, d.Held(1, Usdc));
        Assert.Equal(1_000_000 - 850, d.Available(1, Usdc));
    }

    [Fact]
    public void Midpoint_UncappedBuyWithoutFundsForNewMid_WaitsUntilMidFallsBack()
    {
        EngineDriver d = WithReference(100, 110);
        d.Run(Command.WithdrawFunds(1, Usdc, 1_000_000 - 1_050));
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Buy, 10));
        d.Run(Command.ReferencePrice(BtcUsdc, 200, 210));
        Assert.Equal(1_050, d.Held(1, Usdc));
        Assert.DoesNotContain(d.Run(Command.Midpoint(2, BtcUsdc, 2, Side.Sell, 10)), e => e.Type == EventType.Trade);
        EngineEvent trade = Trade(d.Run(Command.ReferencePrice(BtcUsdc, 100, 104)));
        Assert.Equal((102L, 10L), (trade.Price, trade.Quantity));
        Assert.Equal(1_050 - 1_020, d.Available(1, Usdc));
    }

    [Fact]
    public void Midpoint_SellFloor_StopsBelowFloor()
    {
        EngineDriver d = WithReference(100, 110);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Sell, 1, limit: 106));
        Assert.DoesNotContain(d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 200, 1)), e => e.Type == EventType.Trade);
        EngineEvent trade = Trade(d.Run(Command.ReferencePrice(BtcUsdc, 104, 110)));
        Assert.Equal(107, trade.Price);
    }

    [Fact]
    public void Midpoint_IocWithoutContra_CancelledUnfilled()
    {
        EngineDriver d = WithReference(100, 110);
        List<EngineEvent> events = d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Buy, 2, tif: TimeInForce.Ioc));
        Assert.Equal([EventType.Accepted, EventType.Cancelled], events.Select(e => e.Type));
        Assert.Equal(0, d.Held(1, Usdc));
    }

    [Fact]
    public void Midpoint_FokAgainstPegsAndLimits_AllOrNothing()
    {
        EngineDriver d = WithReference(100, 110);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Sell, 2));
        d.Run(Command.Limit(3, BtcUsdc, 2, Side.Sell, 104, 1));
        long before = d.Engine.ComputeStateHash();
        List<EngineEvent> tooBig = d.Run(Command.Midpoint(2, BtcUsdc, 3, Side.Buy, 4, tif: TimeInForce.Fok));
        Assert.DoesNotContain(tooBig, e => e.Type == EventType.Trade);
        Assert.Equal(2, d.Engine.GetOrderCount(BtcUsdc));
        List<EngineEvent> fits = d.Run(Command.Midpoint(2, BtcUsdc, 4, Side.Buy, 3, tif: TimeInForce.Fok));
        Assert.Equal(3, fits.Where(e => e.Type == EventType.Trade).Sum(e => e.Quantity));
        Assert.NotEqual(before, d.Engine.ComputeStateHash());
    }

    [Fact]
    public void Midpoint_AmendCap_LosesPriorityAndMayTrade()
    {
        EngineDriver d = WithReference(100, 110);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Buy, 2, limit: 104));
        d.Run(Command.Midpoint(2, BtcUsdc, 2, Side.Sell, 2));
        List<EngineEvent> events = d.Run(Command.AmendOrder(1, BtcUsdc, 1, 106, null));
        Assert.Equal([EventType.Amended, EventType.Trade], events.Select(e => e.Type));
        Assert.Equal(105, events[1].Price);
        Assert.Equal(0, d.Engine.GetOrderCount(BtcUsdc));
    }

    [Fact]
    public void Midpoint_PostOnlyLimitReachingEligiblePeg_Rejected()
    {
        EngineDriver d = WithReference(100, 110);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Sell, 2));
        AssertRejectedUnchanged(d, Command.Limit(2, BtcUsdc, 2, Side.Buy, 105, 1, postOnly: true), RejectReason.PostOnlyWouldCross);
        Assert.Single(d.Run(Command.Limit(2, BtcUsdc, 3, Side.Buy, 104, 1, postOnly: true)));
    }
}
