using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Contract;

public abstract partial class BookContractTests
{
    [Fact]
    public void Amend_ReduceQuantity_KeepsQueuePriority()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Buy, 100, 5));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 100, 5));
        EngineEvent amended = Assert.Single(d.Run(Command.AmendOrder(1, BtcUsdc, 1, null, 3)));
        Assert.Equal((EventType.Amended, 100L, 3L), (amended.Type, amended.Price, amended.Quantity));
        Assert.Equal(300, d.Held(1, Usdc));

        EngineEvent trade = Single(d.Run(Command.Limit(3, BtcUsdc, 3, Side.Sell, 100, 1)), EventType.Trade);
        Assert.Equal(1, trade.MakerAccount);
    }

    [Fact]
    public void Amend_IncreaseQuantity_LosesPriority()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Buy, 100, 5));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 100, 5));
        d.Run(Command.AmendOrder(1, BtcUsdc, 1, null, 6));
        Assert.Equal(600, d.Held(1, Usdc));

        EngineEvent trade = Single(d.Run(Command.Limit(3, BtcUsdc, 3, Side.Sell, 100, 1)), EventType.Trade);
        Assert.Equal(2, trade.MakerAccount);
    }

    [Fact]
    public void Amend_PriceChange_LosesPriorityEvenWhenMovedBack()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Buy, 100, 5));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 100, 5));
        d.Run(Command.AmendOrder(1, BtcUsdc, 1, 99, null));
        d.Run(Command.AmendOrder(1, BtcUsdc, 1, 100, null));

        EngineEvent trade = Single(d.Run(Command.Limit(3, BtcUsdc, 3, Side.Sell, 100, 1)), EventType.Trade);
        Assert.Equal(2, trade.MakerAccount);
        var (bids, _) = d.Book(BtcUsdc);
        Assert.Equal([new BookLevel(100, 9, 2)], bids);
    }

    [Fact]
    public void Amend_PriceThatCrosses_TradesAsTakerAtRestingPrice()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 101, 2));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 100, 5));
        List<EngineEvent> events = d.Run(Command.AmendOrder(2, BtcUsdc, 2, 102, null));

        Assert.Equal([EventType.Amended, EventType.Trade], events.Select(e => e.Type));
        Assert.Equal((101L, 2L, 2, Side.Buy), (events[1].Price, events[1].Quantity, events[1].Account, events[1].Side));
        Assert.Equal(306, d.Held(2, Usdc));
        var (bids, asks) = d.Book(BtcUsdc);
        Assert.Equal([new BookLevel(102, 3, 1)], bids);
        Assert.Empty(asks);
    }

    [Fact]
    public void Amend_MoreThanFundsAllow_RejectedAndUnchanged()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Sell, 100, 900));
        AssertRejectedUnchanged(d, Command.AmendOrder(2, BtcUsdc, 2, null, 1_001), RejectReason.InsufficientFunds);
    }

    [Fact]
    public void Amend_PostOnlyToCrossingPrice_RejectedAndUnchanged()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 101, 2));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 100, 5, postOnly: true));
        AssertRejectedUnchanged(d, Command.AmendOrder(2, BtcUsdc, 2, 101, null), RejectReason.PostOnlyWouldCross);
    }

    [Fact]
    public void Amend_PostOnlyToCrossingPriceBeyondFunds_FundsJudgedFirst()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 101, 2));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 100, 5, postOnly: true));
        AssertRejectedUnchanged(d, Command.AmendOrder(2, BtcUsdc, 2, 101, 10_000), RejectReason.InsufficientFunds);
    }

    [Fact]
    public void Amend_BadInput_RejectedAndUnchanged()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 100, 5));
        AssertRejectedUnchanged(d, Command.AmendOrder(2, BtcUsdc, 2, null, 0), RejectReason.InvalidQuantity);
        AssertRejectedUnchanged(d, Command.AmendOrder(2, BtcUsdc, 2, -5, null), RejectReason.InvalidPrice);
        AssertRejectedUnchanged(d, Command.AmendOrder(2, BtcUsdc, 3, 101, null), RejectReason.UnknownOrder);
        AssertRejectedUnchanged(d, Command.AmendOrder(3, BtcUsdc, 2, 101, null), RejectReason.UnknownOrder);
        AssertRejectedUnchanged(d, Command.AmendOrder(2, 9, 2, 101, null), RejectReason.UnknownMarket);
    }

    [Fact]
    public void Amend_SellDownIntoBids_SweepsAndRests()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Buy, 100, 2));
        d.Run(Command.Limit(3, BtcUsdc, 3, Side.Buy, 99, 2));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Sell, 105, 6));
        List<EngineEvent> events = d.Run(Command.AmendOrder(2, BtcUsdc, 2, 99, null));

        Assert.Equal([(100L, 2L), (99L, 2L)], events.Where(e => e.Type == EventType.Trade).Select(e => (e.Price, e.Quantity)));
        var (_, asks) = d.Book(BtcUsdc);
        Assert.Equal([new BookLevel(99, 2, 1)], asks);
        Assert.Equal(2, d.Held(2, Btc));
    }
}
