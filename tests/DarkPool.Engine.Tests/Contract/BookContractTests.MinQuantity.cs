using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Contract;

/// <summary>Minimum acceptable quantity, per fill, on both books.</summary>
public abstract partial class BookContractTests
{
    [Fact]
    public void MinQuantity_IncomingSkipsSmallContraAndTradesLargerOneBehind()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 2));
        d.Run(Command.Limit(3, BtcUsdc, 2, Side.Sell, 100, 10));
        List<EngineEvent> events = d.Run(Command.Limit(2, BtcUsdc, 3, Side.Buy, 100, 8, minQuantity: 5));

        EngineEvent trade = Assert.Single(events, e => e.Type == EventType.Trade);
        Assert.Equal((3, 8L), (trade.MakerAccount, trade.Quantity));
        Assert.Equal([new BookLevel(100, 4, 2)], d.Book(BtcUsdc).Asks);
    }

    [Fact]
    public void MinQuantity_RestingOrderIsSkippedBySmallTaker()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 10, minQuantity: 5));
        d.Run(Command.Limit(3, BtcUsdc, 2, Side.Sell, 101, 10));
        List<EngineEvent> events = d.Run(Command.Limit(2, BtcUsdc, 3, Side.Buy, 101, 3));

        EngineEvent trade = Assert.Single(events, e => e.Type == EventType.Trade);
        Assert.Equal((3, 101L, 3L), (trade.MakerAccount, trade.Price, trade.Quantity));
    }

    [Fact]
    public void MinQuantity_LastFillThatCompletesTheOrder_MayBeSmaller()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 6));
        d.Run(Command.Limit(3, BtcUsdc, 2, Side.Sell, 100, 3));
        List<EngineEvent> trades = d.Run(Command.Limit(2, BtcUsdc, 3, Side.Buy, 100, 9, minQuantity: 5))
            .Where(e => e.Type == EventType.Trade).ToList();

        Assert.Equal([(1, 6L), (3, 3L)], trades.Select(t => (t.MakerAccount, t.Quantity)));
    }

    [Fact]
    public void MinQuantity_SkippedOrderBecomesAcceptableAfterOwnFills_TradesInLaterPass()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 99, 3));
        d.Run(Command.Limit(3, BtcUsdc, 2, Side.Sell, 100, 7));

        // 3 < 5: skipped; 7 fills, leaving 3, which the skipped order completes.
        List<EngineEvent> trades = d.Run(Command.Limit(2, BtcUsdc, 3, Side.Buy, 100, 10, minQuantity: 5))
            .Where(e => e.Type == EventType.Trade).ToList();
        Assert.Equal([(3, 100L, 7L), (1, 99L, 3L)], trades.Select(t => (t.MakerAccount, t.Price, t.Quantity)));
        Assert.Equal(0, d.Engine.GetOrderCount(BtcUsdc));
    }

    [Fact]
    public void MinQuantity_BlockedCrossingRests_AndTradesOnceAFillShrinksTheBlocker()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 3));
        List<EngineEvent> resting = d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 101, 10, minQuantity: 8));
        Assert.DoesNotContain(resting, e => e.Type == EventType.Trade);

        // Another seller fills 8 of the buy: 2 left, below its minimum, so 2 of the 3 at 100 now complete it.
        List<EngineEvent> trades = d.Run(Command.Limit(3, BtcUsdc, 3, Side.Sell, 101, 8)).Where(e => e.Type == EventType.Trade).ToList();
        Assert.Equal([(3, 101L, 8L)], trades.Take(1).Select(t => (t.Account, t.Price, t.Quantity)));
        Assert.Equal(2, trades.Count);
        Assert.Equal((2, 2L, 100L, 2L), (trades[1].Account, trades[1].OrderId, trades[1].Price, trades[1].Quantity));
        Assert.Equal([new BookLevel(100, 1, 1)], d.Book(BtcUsdc).Asks);
    }

    [Fact]
    public void MinQuantity_OnMarketOrderAndPeg_Honoured()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.ReferencePrice(BtcUsdc, 100, 110));
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Sell, 2));
        d.Run(Command.Midpoint(3, BtcUsdc, 2, Side.Sell, 6));
        EngineEvent trade = Assert.Single(d.Run(Command.Midpoint(2, BtcUsdc, 3, Side.Buy, 5, minQuantity: 4)), e => e.Type == EventType.Trade);
        Assert.Equal((3, 5L), (trade.MakerAccount, trade.Quantity));

        List<EngineEvent> market = d.Run(Command.MarketOrder(4, BtcUsdc, 4, Side.Buy, 3, minQuantity: 3));
        Assert.DoesNotContain(market, e => e.Type == EventType.Trade);
        Assert.Equal(CancelReason.Unfilled, Single(market, EventType.Cancelled).CancelReason);
    }

    [Fact]
    public void MinQuantity_Fok_CountsOnlyAcceptableFills()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 2));
        d.Run(Command.Limit(3, BtcUsdc, 2, Side.Sell, 100, 4));
        long before = d.Engine.ComputeStateHash();
        List<EngineEvent> events = d.Run(Command.Limit(2, BtcUsdc, 3, Side.Buy, 100, 6, tif: TimeInForce.Fok, minQuantity: 5));
        Assert.DoesNotContain(events, e => e.Type == EventType.Trade);
        Assert.Equal(2, d.Engine.GetOrderCount(BtcUsdc));

        // 4 fills first (2 is skipped), leaving 2, which completes against the skipped order.
        List<EngineEvent> fits = d.Run(Command.Limit(2, BtcUsdc, 4, Side.Buy, 100, 6, tif: TimeInForce.Fok, minQuantity: 4));
        Assert.Equal([4L, 2L], fits.Where(e => e.Type == EventType.Trade).Select(e => e.Quantity));
        Assert.NotEqual(before, d.Engine.ComputeStateHash());
    }
}
