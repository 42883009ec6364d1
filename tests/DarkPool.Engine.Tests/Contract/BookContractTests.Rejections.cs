using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Contract;

public abstract partial class BookContractTests
{
    [Fact]
    public void Place_DuplicateLiveId_RejectedAndNoPartTrades()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 7, Side.Buy, 90, 1));
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 5));
        AssertRejectedUnchanged(d, Command.Limit(2, BtcUsdc, 7, Side.Buy, 100, 5), RejectReason.DuplicateId);
        AssertRejectedUnchanged(d, Command.Limit(2, EthUsdc, 7, Side.Buy, 100, 5), RejectReason.DuplicateId);
    }

    [Fact]
    public void Place_SameIdOtherAccount_Accepted()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 7, Side.Buy, 90, 1));
        Assert.Equal(EventType.Accepted, Assert.Single(d.Run(Command.Limit(3, BtcUsdc, 7, Side.Buy, 90, 1))).Type);
    }

    [Fact]
    public void Place_IdOfFinishedOrder_CanBeReused()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 7, Side.Buy, 90, 1));
        d.Run(Command.CancelOrder(2, BtcUsdc, 7));
        Assert.Equal(EventType.Accepted, Assert.Single(d.Run(Command.Limit(2, BtcUsdc, 7, Side.Buy, 90, 1))).Type);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void Place_NonPositivePrice_RejectedInvalidPrice(long price)
    {
        AssertRejectedUnchanged(NewDriver(), Command.Limit(2, BtcUsdc, 1, Side.Buy, price, 1), RejectReason.InvalidPrice);
    }

    [Fact]
    public void Place_PriceOffTick_RejectedInvalidPrice()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.NewMarket(2, Btc, Eth, tickSize: 5, lotSize: 1));
        AssertRejectedUnchanged(d, Command.Limit(2, 2, 1, Side.Buy, 7, 1), RejectReason.InvalidPrice);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Place_NonPositiveQuantity_RejectedInvalidQuantity(long quantity)
    {
        AssertRejectedUnchanged(NewDriver(), Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, quantity), RejectReason.InvalidQuantity);
    }

    [Fact]
    public void Place_NotionalOverflow_RejectedInvalidQuantity()
    {
        AssertRejectedUnchanged(NewDriver(), Command.Limit(2, BtcUsdc, 1, Side.Sell, long.MaxValue / 2, 3), RejectReason.InvalidQuantity);
    }

    [Fact]
    public void Place_UnknownMarket_RejectedUnknownMarket()
    {
        AssertRejectedUnchanged(NewDriver(), Command.Limit(2, 77, 1, Side.Buy, 100, 1), RejectReason.UnknownMarket);
        AssertRejectedUnchanged(NewDriver(), Command.Limit(2, -1, 1, Side.Buy, 100, 1), RejectReason.UnknownMarket);
    }

    [Fact]
    public void Place_InsufficientFunds_RejectedAndNothingHeld()
    {
        EngineDriver d = NewDriver();
        AssertRejectedUnchanged(d, Command.Limit(2, BtcUsdc, 1, Side.Buy, 100_001, 10), RejectReason.InsufficientFunds);
        AssertRejectedUnchanged(d, Command.Limit(2, BtcUsdc, 2, Side.Sell, 100, 1_001), RejectReason.InsufficientFunds);
        Assert.Equal(0, d.Held(2, Usdc));
    }

    [Fact]
    public void Place_HeldFundsCannotBeHeldTwice()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 1, Side.Sell, 100, 600));
        AssertRejectedUnchanged(d, Command.Limit(2, BtcUsdc, 2, Side.Sell, 100, 401), RejectReason.InsufficientFunds);
    }

    [Fact]
    public void Place_BadDarkPoolOptions_RejectedWithTypedReasons()
    {
        EngineDriver d = NewDriver();
        Command pricedWithoutFlag = Command.Midpoint(2, BtcUsdc, 1, Side.Buy, 1);
        pricedWithoutFlag.Price = 100;
        AssertRejectedUnchanged(d, pricedWithoutFlag, RejectReason.InvalidPrice);
        AssertRejectedUnchanged(d, Command.Midpoint(2, BtcUsdc, 1, Side.Buy, 1), RejectReason.NoReference);
        AssertRejectedUnchanged(d, Command.Midpoint(2, BtcUsdc, 1, Side.Buy, 1, limit: 0), RejectReason.InvalidPrice);
        Command budget = Command.Midpoint(2, BtcUsdc, 1, Side.Buy, 1, limit: 100);
        budget.Budget = 50;
        budget.Flags |= CommandFlags.HasBudget;
        AssertRejectedUnchanged(d, budget, RejectReason.InvalidBudget);
        AssertRejectedUnchanged(d, Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, 5, minQuantity: 6), RejectReason.InvalidMinQuantity);
        AssertRejectedUnchanged(d, Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, 5, minQuantity: -1), RejectReason.InvalidMinQuantity);
        Command zeroMinimum = Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, 5);
        zeroMinimum.Flags |= CommandFlags.HasMinQuantity;
        AssertRejectedUnchanged(d, zeroMinimum, RejectReason.InvalidMinQuantity);
        Command badType = Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, 1);
        badType.OrderType = (OrderType)9;
        AssertRejectedUnchanged(d, badType, RejectReason.InvalidCommand);
    }

    [Fact]
    public void Place_OutOfRangeEnums_RejectedInvalidCommand()
    {
        EngineDriver d = NewDriver();
        Command side = Command.Limit(2, BtcUsdc, 1, (Side)9, 100, 1);
        AssertRejectedUnchanged(d, side, RejectReason.InvalidCommand);
        Command stp = Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, 1, stp: (StpMode)9);
        AssertRejectedUnchanged(d, stp, RejectReason.InvalidCommand);
        AssertRejectedUnchanged(d, default, RejectReason.InvalidCommand);
    }

    [Fact]
    public void Place_PostOnlyIoc_RejectedInvalidTimeInForce()
    {
        AssertRejectedUnchanged(NewDriver(), Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, 1, TimeInForce.Ioc, postOnly: true), RejectReason.InvalidTimeInForce);
    }

    [Fact]
    public void Place_UnknownAccount_RejectedUnknownAccount()
    {
        AssertRejectedUnchanged(NewDriver(), Command.Limit(-4, BtcUsdc, 1, Side.Buy, 100, 1), RejectReason.UnknownAccount);
    }

    [Fact]
    public void Cancel_LiveOrder_ReleasesHoldAndReportsQuantity()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, 5));
        d.Run(Command.Limit(1, BtcUsdc, 2, Side.Sell, 100, 2));
        EngineEvent cancelled = Assert.Single(d.Run(Command.CancelOrder(2, BtcUsdc, 1)));

        Assert.Equal((EventType.Cancelled, 3L, CancelReason.User), (cancelled.Type, cancelled.Quantity, cancelled.CancelReason));
        Assert.Equal(0, d.Held(2, Usdc));
        Assert.Equal(1_000_000 - 200, d.Available(2, Usdc));
    }

    [Fact]
    public void Cancel_UnknownOrOthersOrder_RejectedUnknownOrder()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, 5));
        AssertRejectedUnchanged(d, Command.CancelOrder(3, BtcUsdc, 1), RejectReason.UnknownOrder);
        AssertRejectedUnchanged(d, Command.CancelOrder(2, BtcUsdc, 2), RejectReason.UnknownOrder);
        AssertRejectedUnchanged(d, Command.CancelOrder(2, EthUsdc, 1), RejectReason.UnknownOrder);
        AssertRejectedUnchanged(d, Command.CancelOrder(2, 55, 1), RejectReason.UnknownMarket);
    }

    [Fact]
    public void MassCancel_OneMarket_CancelsOnlyThereInArrivalOrder()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, 5));
        d.Run(Command.Limit(2, EthUsdc, 2, Side.Buy, 100, 5));
        d.Run(Command.Limit(2, BtcUsdc, 3, Side.Sell, 120, 1));
        d.Run(Command.Limit(2, BtcUsdc, 4, Side.Buy, 101, 2));
        d.Run(Command.Limit(3, BtcUsdc, 5, Side.Buy, 100, 5));
        List<EngineEvent> events = d.Run(Command.MassCancelOrders(2, BtcUsdc));

        EngineEvent done = events[^1];
        Assert.Equal((EventType.MassCancelled, 2, BtcUsdc, 3L), (done.Type, done.Account, done.Market, done.Quantity));
        events.RemoveAt(events.Count - 1);
        Assert.Equal([1L, 3L, 4L], events.Select(e => e.OrderId));
        Assert.All(events, e => Assert.Equal((EventType.Cancelled, CancelReason.Mass), (e.Type, e.CancelReason)));
        Assert.Equal(1, d.Engine.GetOrderCount(BtcUsdc));
        Assert.Equal(1, d.Engine.GetOrderCount(EthUsdc));
    }

    [Fact]
    public void MassCancel_AllMarkets_CancelsEverywhere()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, EthUsdc, 2, Side.Buy, 100, 5));
        d.Run(Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, 5));
        List<EngineEvent> events = d.Run(Command.MassCancelOrders(2, null));

        Assert.Equal([(BtcUsdc, 1L), (EthUsdc, 2L), (-1, 0L)], events.Select(e => (e.Market, e.OrderId)));
        Assert.Equal((EventType.MassCancelled, 2L), (events[2].Type, events[2].Quantity));
        Assert.Equal(0, d.Held(2, Usdc));
    }

    [Fact]
    public void MassCancel_NothingLive_StillAnswered()
    {
        EngineEvent done = Assert.Single(NewDriver().Run(Command.MassCancelOrders(3, null)));
        Assert.Equal((EventType.MassCancelled, 3, 0L), (done.Type, done.Account, done.Quantity));
    }

    [Fact]
    public void MassCancel_UnknownMarket_Rejected()
    {
        AssertRejectedUnchanged(NewDriver(), Command.MassCancelOrders(2, 42), RejectReason.UnknownMarket);
    }
}
