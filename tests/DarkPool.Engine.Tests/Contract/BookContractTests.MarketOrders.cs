using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Contract;

public abstract partial class BookContractTests
{
    [Fact]
    public void Place_MarketBuy_SweepsAndCancelsUnfilledRest()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 2));
        d.Run(Command.Limit(1, BtcUsdc, 2, Side.Sell, 110, 2));
        List<EngineEvent> events = d.Run(Command.MarketOrder(2, BtcUsdc, 3, Side.Buy, 6));

        Assert.Equal([EventType.Accepted, EventType.Trade, EventType.Trade, EventType.Cancelled], events.Select(e => e.Type));
        Assert.Equal([100L, 110L], events.Where(e => e.Type == EventType.Trade).Select(e => e.Price));
        Assert.Equal((2L, CancelReason.Unfilled), (events[3].Quantity, events[3].CancelReason));
        Assert.Equal(1_000_000 - 420, d.Available(2, Usdc));
        Assert.Equal(0, d.Held(2, Usdc));
    }

    [Fact]
    public void Place_MarketBuyWithBudget_SpendsAtMostTheBudget()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 2));
        d.Run(Command.Limit(1, BtcUsdc, 2, Side.Sell, 110, 5));
        List<EngineEvent> events = d.Run(Command.MarketOrder(2, BtcUsdc, 3, Side.Buy, 10, budget: 450));

        Assert.Equal([(100L, 2L), (110L, 2L)], events.Where(e => e.Type == EventType.Trade).Select(e => (e.Price, e.Quantity)));
        Assert.Equal(1_000_000 - 420, d.Available(2, Usdc));
        Assert.Equal(0, d.Held(2, Usdc));
    }

    [Fact]
    public void Place_MarketBuyFokOverBudget_NothingTrades()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 2));
        d.Run(Command.Limit(1, BtcUsdc, 2, Side.Sell, 110, 5));
        List<EngineEvent> events = d.Run(Command.MarketOrder(2, BtcUsdc, 3, Side.Buy, 4, TimeInForce.Fok, budget: 419));

        Assert.Equal([EventType.Accepted, EventType.Cancelled], events.Select(e => e.Type));
        Assert.Equal(2, d.Engine.GetOrderCount(BtcUsdc));
    }

    [Fact]
    public void Place_MarketBuyFokWithinBudget_FillsAll()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 2));
        d.Run(Command.Limit(1, BtcUsdc, 2, Side.Sell, 110, 5));
        List<EngineEvent> events = d.Run(Command.MarketOrder(2, BtcUsdc, 3, Side.Buy, 4, TimeInForce.Fok, budget: 420));

        Assert.Equal(4, events.Where(e => e.Type == EventType.Trade).Sum(e => e.Quantity));
        Assert.Equal(1_000_000 - 420, d.Available(2, Usdc));
    }

    [Fact]
    public void Place_MarketSellFokBudget_ReceivesAtLeastOrNothing()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Buy, 100, 2));
        d.Run(Command.Limit(1, BtcUsdc, 2, Side.Buy, 90, 5));
        List<EngineEvent> tooLittle = d.Run(Command.MarketOrder(2, BtcUsdc, 3, Side.Sell, 4, TimeInForce.Fok, budget: 381));
        Assert.Equal([EventType.Accepted, EventType.Cancelled], tooLittle.Select(e => e.Type));

        List<EngineEvent> enough = d.Run(Command.MarketOrder(2, BtcUsdc, 4, Side.Sell, 4, TimeInForce.Fok, budget: 380));
        Assert.Equal(4, enough.Where(e => e.Type == EventType.Trade).Sum(e => e.Quantity));
        Assert.Equal(1_000_380, d.Available(2, Usdc));
    }

    [Fact]
    public void Place_MarketSellIocWithBudget_RejectedInvalidBudget()
    {
        EngineDriver d = NewDriver();
        AssertRejectedUnchanged(d, Command.MarketOrder(2, BtcUsdc, 3, Side.Sell, 4, TimeInForce.Ioc, budget: 10), RejectReason.InvalidBudget);
    }

    [Fact]
    public void Place_LimitWithBudget_RejectedInvalidBudget()
    {
        EngineDriver d = NewDriver();
        Command c = Command.Limit(2, BtcUsdc, 3, Side.Buy, 100, 1);
        c.Budget = 100;
        c.Flags |= CommandFlags.HasBudget;
        AssertRejectedUnchanged(d, c, RejectReason.InvalidBudget);
    }

    [Fact]
    public void Place_MarketGtc_RejectedInvalidTimeInForce()
    {
        EngineDriver d = NewDriver();
        AssertRejectedUnchanged(d, Command.MarketOrder(2, BtcUsdc, 3, Side.Buy, 4, TimeInForce.Gtc), RejectReason.InvalidTimeInForce);
    }

    [Fact]
    public void Place_MarketWithPrice_RejectedInvalidPrice()
    {
        EngineDriver d = NewDriver();
        Command c = Command.MarketOrder(2, BtcUsdc, 3, Side.Buy, 4);
        c.Price = 100;
        AssertRejectedUnchanged(d, c, RejectReason.InvalidPrice);
    }

    [Fact]
    public void Place_MarketBuyWithoutFunds_RejectedInsufficientFunds()
    {
        EngineDriver d = NewDriver();
        AssertRejectedUnchanged(d, Command.MarketOrder(9, BtcUsdc, 3, Side.Buy, 4), RejectReason.InsufficientFunds);
    }

    [Fact]
    public void Place_MarketBuyWithoutBudget_LimitedByAvailableFunds()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.DepositFunds(9, Usdc, 250));
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 5));
        List<EngineEvent> events = d.Run(Command.MarketOrder(9, BtcUsdc, 2, Side.Buy, 5));

        Assert.Equal(2, Single(events, EventType.Trade).Quantity);
        Assert.Equal((50L, 0L), (d.Available(9, Usdc), d.Held(9, Usdc)));
    }

    [Fact]
    public void Place_MarketOrderOnEmptyBook_CancelledUnfilled()
    {
        EngineDriver d = NewDriver();
        List<EngineEvent> events = d.Run(Command.MarketOrder(2, BtcUsdc, 3, Side.Sell, 4));
        Assert.Equal([EventType.Accepted, EventType.Cancelled], events.Select(e => e.Type));
        Assert.Equal(1_000, d.Available(2, Btc));
    }
}
