using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Contract;

/// <summary>Periodic batch auctions, on both books.</summary>
public abstract partial class BookContractTests
{
    private const int Auction = 2;

    private EngineDriver WithAuctionMarket(int makerFeeBps = 0, int takerFeeBps = 0)
    {
        EngineDriver d = NewDriver();
        d.Run(Command.NewMarket(Auction, Btc, Usdc, tickSize: 1, lotSize: 1, makerFeeBps, takerFeeBps, MarketMode.Auction));
        return d;
    }

    [Fact]
    public void Auction_OrdersCrossing_DoNotTradeUntilUncross()
    {
        EngineDriver d = WithAuctionMarket();
        d.Run(Command.Limit(1, Auction, 1, Side.Sell, 100, 5));
        List<EngineEvent> events = d.Run(Command.Limit(2, Auction, 2, Side.Buy, 110, 5));
        Assert.Equal([EventType.Accepted], events.Select(e => e.Type));
        Assert.Equal(2, d.Engine.GetOrderCount(Auction));
    }

    /// <summary>
    /// Demand at or above p: 101: 12, 102: 7, 103: 7, 104: 4. Supply at or below p: 101: 2, 102: 6, 103: 6,
    /// 104: 12. So 102 and 103 both execute 6 lots with an imbalance of 1: a full tie on the first two rules.
    /// </summary>
    private static void PlaceTiedBook(EngineDriver d)
    {
        d.Run(Command.Limit(1, Auction, 1, Side.Buy, 105, 4));
        d.Run(Command.Limit(1, Auction, 2, Side.Buy, 103, 3));
        d.Run(Command.Limit(1, Auction, 3, Side.Buy, 101, 5));
        d.Run(Command.Limit(2, Auction, 4, Side.Sell, 100, 2));
        d.Run(Command.Limit(2, Auction, 5, Side.Sell, 102, 4));
        d.Run(Command.Limit(2, Auction, 6, Side.Sell, 104, 6));
    }

    [Fact]
    public void Auction_SeveralPrices_MaximisesVolumeAndPrintsOnePrice()
    {
        EngineDriver d = WithAuctionMarket();
        PlaceTiedBook(d);

        // 102 and 103 tie on volume and imbalance (see PlaceTiedBook); no reference, so the lower one.
        List<EngineEvent> events = d.Run(Command.RunAuction(Auction));
        List<EngineEvent> trades = events.Where(e => e.Type == EventType.Trade).ToList();
        Assert.All(trades, t => Assert.Equal(102, t.Price));
        Assert.Equal(6, trades.Sum(t => t.Quantity));
        Assert.Equal([(1L, 4L, 2L), (1L, 5L, 2L), (2L, 5L, 2L)], trades.Select(t => (t.OrderId, t.MakerOrderId, t.Quantity)));
        EngineEvent summary = events[^1];
        Assert.Equal((EventType.Uncrossed, 102L, 6L), (summary.Type, summary.Price, summary.Quantity));

        // The buy at 105 paid 102 for what it bought; its whole hold for the unspent part came back.
        Assert.Equal(1_000_000 - (102 * 4) - (102 * 2) - (103 * 1) - (101 * 5), d.Available(1, Usdc));
        Assert.Equal((103 * 1) + (101 * 5), d.Held(1, Usdc));
    }

    [Theory]
    [InlineData(100, 106, 103)] // mid 103: one of the tied prices is the mid itself
    [InlineData(105, 115, 103)] // mid 110: 103 is nearer, although without a reference the lower 102 wins
    [InlineData(90, 100, 102)] // mid 95: 102 is nearer
    public void Auction_TieOnVolumeAndImbalance_PriceNearestReferenceMidWins(long bid, long ask, long expected)
    {
        EngineDriver d = WithAuctionMarket();
        d.Run(Command.ReferencePrice(Auction, bid, ask));
        PlaceTiedBook(d);

        List<EngineEvent> events = d.Run(Command.RunAuction(Auction));
        Assert.Equal((EventType.Uncrossed, expected, 6L), (events[^1].Type, events[^1].Price, events[^1].Quantity));
        List<EngineEvent> trades = events.Where(e => e.Type == EventType.Trade).ToList();
        Assert.All(trades, t => Assert.Equal(expected, t.Price));
        Assert.Equal(6, trades.Sum(t => t.Quantity));
    }

    [Fact]
    public void Auction_PegsWithReferenceMid_TakePartAtMid()
    {
        EngineDriver d = WithAuctionMarket();
        d.Run(Command.ReferencePrice(Auction, 100, 106));
        d.Run(Command.Limit(1, Auction, 1, Side.Buy, 110, 3));
        d.Run(Command.Limit(2, Auction, 2, Side.Sell, 95, 3));
        d.Run(Command.Midpoint(3, Auction, 3, Side.Sell, 2));
        d.Run(Command.Midpoint(4, Auction, 4, Side.Buy, 2));

        // Demand at p <= 103 is 5 (the peg buys at the mid 103), supply at p >= 103 is 5: 103 clears all.
        List<EngineEvent> events = d.Run(Command.RunAuction(Auction));
        Assert.Equal((103L, 5L), (events[^1].Price, events[^1].Quantity));
        Assert.All(events.Where(e => e.Type == EventType.Trade), t => Assert.Equal(103, t.Price));
        Assert.Equal(0, d.Engine.GetOrderCount(Auction));
    }

    [Fact]
    public void Auction_ClearingBelowMid_PegFilledAfterBetterLimitBeforeWorseLimit()
    {
        EngineDriver d = WithAuctionMarket();
        d.Run(Command.ReferencePrice(Auction, 100, 110));
        d.Run(Command.Limit(3, Auction, 1, Side.Buy, 103, 3));
        d.Run(Command.Limit(1, Auction, 2, Side.Buy, 108, 1));
        d.Run(Command.Midpoint(2, Auction, 3, Side.Buy, 1));
        d.Run(Command.Limit(4, Auction, 4, Side.Sell, 103, 3));

        // Demand at 103 is 5 and supply 3; at 104 demand is 2: 103 clears 3 lots. The peg stands at the mid
        // 105, so it comes after the buy at 108 and before the buy at 103, although it arrived last.
        List<EngineEvent> events = d.Run(Command.RunAuction(Auction));
        Assert.Equal((103L, 3L), (events[^1].Price, events[^1].Quantity));
        List<EngineEvent> trades = events.Where(e => e.Type == EventType.Trade).ToList();
        Assert.Equal([(1, 1L), (2, 1L), (3, 1L)], trades.Select(t => (t.Account, t.Quantity)));
    }

    [Fact]
    public void Auction_ClearingAboveMid_PegSoldAfterBetterLimitBeforeWorseLimit()
    {
        EngineDriver d = WithAuctionMarket();
        d.Run(Command.ReferencePrice(Auction, 100, 110));
        d.Run(Command.Limit(3, Auction, 1, Side.Sell, 107, 3));
        d.Run(Command.Limit(1, Auction, 2, Side.Sell, 102, 1));
        d.Run(Command.Midpoint(2, Auction, 3, Side.Sell, 1));
        d.Run(Command.Limit(4, Auction, 4, Side.Buy, 107, 3));

        // Supply at 107 is 5 and demand 3; at 106 supply is 2: 107 clears 3 lots, sellers in order 102, mid, 107.
        List<EngineEvent> events = d.Run(Command.RunAuction(Auction));
        Assert.Equal((107L, 3L), (events[^1].Price, events[^1].Quantity));
        List<EngineEvent> trades = events.Where(e => e.Type == EventType.Trade).ToList();
        Assert.Equal([(1, 1L), (2, 1L), (3, 1L)], trades.Select(t => (t.MakerAccount, t.Quantity)));
    }

    [Fact]
    public void Auction_GtcRemainderStays_IocRemainderCancelled()
    {
        EngineDriver d = WithAuctionMarket();
        d.Run(Command.Limit(1, Auction, 1, Side.Buy, 100, 5));
        d.Run(Command.Limit(3, Auction, 2, Side.Buy, 100, 5, tif: TimeInForce.Ioc));
        d.Run(Command.Limit(2, Auction, 3, Side.Sell, 100, 3));
        List<EngineEvent> events = d.Run(Command.RunAuction(Auction));

        Assert.Equal(3, events.Where(e => e.Type == EventType.Trade).Sum(e => e.Quantity));
        EngineEvent cancelled = Single(events, EventType.Cancelled);
        Assert.Equal((3, 2L, 5L, CancelReason.Unfilled), (cancelled.Account, cancelled.OrderId, cancelled.Quantity, cancelled.CancelReason));
        Assert.Equal([new BookLevel(100, 2, 1)], d.Book(Auction).Bids);
        Assert.Equal(0, d.Held(3, Usdc));
    }

    [Fact]
    public void Auction_NothingCrosses_ReportsZeroAndKeepsOrders()
    {
        EngineDriver d = WithAuctionMarket();
        d.Run(Command.Limit(1, Auction, 1, Side.Buy, 99, 5));
        d.Run(Command.Limit(2, Auction, 2, Side.Sell, 100, 3));
        List<EngineEvent> events = d.Run(Command.RunAuction(Auction));
        Assert.Equal([(EventType.Uncrossed, 0L, 0L)], events.Select(e => (e.Type, e.Price, e.Quantity)));
        Assert.Equal(2, d.Engine.GetOrderCount(Auction));
    }

    [Fact]
    public void Auction_SameAccountOnBothSides_NeverPaired()
    {
        EngineDriver d = WithAuctionMarket();
        d.Run(Command.Limit(1, Auction, 1, Side.Buy, 100, 5));
        d.Run(Command.Limit(1, Auction, 2, Side.Sell, 100, 5));
        d.Run(Command.Limit(2, Auction, 3, Side.Sell, 100, 2));
        List<EngineEvent> trades = d.Run(Command.RunAuction(Auction)).Where(e => e.Type == EventType.Trade).ToList();
        EngineEvent trade = Assert.Single(trades);
        Assert.Equal((1, 2, 2L), (trade.Account, trade.MakerAccount, trade.Quantity));
    }

    [Fact]
    public void Auction_BothSidesPayMakerFee()
    {
        EngineDriver d = WithAuctionMarket(makerFeeBps: 10, takerFeeBps: 50);
        d.Run(Command.Limit(1, Auction, 1, Side.Buy, 1_000, 10));
        d.Run(Command.Limit(2, Auction, 2, Side.Sell, 1_000, 10));
        EngineEvent trade = Single(d.Run(Command.RunAuction(Auction)), EventType.Trade);
        Assert.Equal((10L, 10L), (trade.TakerFee, trade.MakerFee));
        Assert.Equal(1_000_000 - 10_010, d.Available(1, Usdc));
        Assert.Equal(1_000_000 + 9_990, d.Available(2, Usdc));
    }

    [Fact]
    public void Auction_MinQuantity_SkipsTooSmallCounterparty()
    {
        EngineDriver d = WithAuctionMarket();
        d.Run(Command.Limit(1, Auction, 1, Side.Buy, 100, 6, minQuantity: 4));
        d.Run(Command.Limit(2, Auction, 2, Side.Sell, 100, 2));
        d.Run(Command.Limit(3, Auction, 3, Side.Sell, 100, 4));
        List<EngineEvent> trades = d.Run(Command.RunAuction(Auction)).Where(e => e.Type == EventType.Trade).ToList();

        // 2 < 4 is skipped; 4 fills, leaving 2, which the skipped seller then completes.
        Assert.Equal([(3, 4L), (2, 2L)], trades.Select(t => (t.MakerAccount, t.Quantity)));
    }

    [Fact]
    public void Auction_BadCommands_RejectedUnchanged()
    {
        EngineDriver d = WithAuctionMarket();
        AssertRejectedUnchanged(d, Command.RunAuction(BtcUsdc), RejectReason.Unsupported);
        AssertRejectedUnchanged(d, Command.RunAuction(77), RejectReason.UnknownMarket);
        AssertRejectedUnchanged(d, Command.MarketOrder(1, Auction, 1, Side.Buy, 1), RejectReason.Unsupported);
        AssertRejectedUnchanged(d, Command.Limit(1, Auction, 1, Side.Buy, 100, 1, tif: TimeInForce.Fok), RejectReason.Unsupported);
        AssertRejectedUnchanged(d, Command.Limit(1, Auction, 1, Side.Buy, 100, 1, postOnly: true), RejectReason.Unsupported);
    }

    [Fact]
    public void Auction_AmendToCrossingPrice_WaitsForUncross()
    {
        EngineDriver d = WithAuctionMarket();
        d.Run(Command.Limit(1, Auction, 1, Side.Buy, 90, 5));
        d.Run(Command.Limit(2, Auction, 2, Side.Sell, 100, 5));
        Assert.Equal([EventType.Amended], d.Run(Command.AmendOrder(1, Auction, 1, 100, null)).Select(e => e.Type));
        Assert.Equal(5, Single(d.Run(Command.RunAuction(Auction)), EventType.Trade).Quantity);
    }
}
