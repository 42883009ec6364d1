using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Contract;

/// <summary>Values at the edges of the integer range: nothing may overflow, hang or throw.</summary>
public abstract partial class BookContractTests
{
    [Fact]
    public void Place_SellAtMaxPriceBesideNormalOrder_BookStaysIntact()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 100, 1));
        d.Run(Command.Limit(1, BtcUsdc, 2, Side.Sell, long.MaxValue, 1));
        var (_, asks) = d.Book(BtcUsdc);
        Assert.Equal([new BookLevel(100, 1, 1), new BookLevel(long.MaxValue, 1, 1)], asks);

        EngineEvent trade = Single(d.Run(Command.Limit(2, BtcUsdc, 3, Side.Buy, 100, 1, TimeInForce.Ioc)), EventType.Trade);
        Assert.Equal((100L, 1L), (trade.Price, trade.Quantity));
        AssertRejected(d.Run(Command.CancelOrder(1, BtcUsdc, 1)), RejectReason.UnknownOrder);
        Assert.Equal(EventType.Cancelled, Assert.Single(d.Run(Command.CancelOrder(1, BtcUsdc, 2))).Type);
    }

    [Fact]
    public void Place_MaxPriceFirstThenLowPrice_BookStaysIntact()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, long.MaxValue, 1));
        d.Run(Command.Limit(1, BtcUsdc, 2, Side.Sell, 1, 1));
        d.Run(Command.Limit(1, BtcUsdc, 3, Side.Sell, long.MaxValue - 1, 1));
        var (_, asks) = d.Book(BtcUsdc);
        Assert.Equal([1L, long.MaxValue - 1, long.MaxValue], asks.Select(l => l.Price));
        d.Run(Command.MassCancelOrders(1, BtcUsdc));
        Assert.Equal(0, d.Engine.GetOrderCount(BtcUsdc));
    }

    [Fact]
    public void Place_MarketBuyWithMaxSpendAndFee_Terminates()
    {
        var d = new EngineDriver(Kind);
        d.Run(Command.NewMarket(0, Btc, Usdc, tickSize: 1, lotSize: 1, makerFeeBps: 0, takerFeeBps: 160));
        d.Run(Command.DepositFunds(2, Btc, 10));
        d.Run(Command.DepositFunds(1, Usdc, long.MaxValue));
        d.Run(Command.Limit(2, 0, 1, Side.Sell, 100, 1));

        EngineEvent trade = Single(d.Run(Command.MarketOrder(1, 0, 7, Side.Buy, 1)), EventType.Trade);
        Assert.Equal((100L, 1L), (trade.Price, trade.Quantity));
        d.Run(Command.Limit(2, 0, 2, Side.Sell, 100, 1));
        Assert.Contains(d.Run(Command.MarketOrder(1, 0, 8, Side.Buy, 1, budget: d.Available(1, Usdc))), e => e.Type == EventType.Trade);
    }

    [Fact]
    public void Amend_SellToOverflowingNotional_RejectedInvalidQuantity()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Sell, 2, 4));
        AssertRejectedUnchanged(d, Command.AmendOrder(2, BtcUsdc, 2, 4_000_000_000_000_000_000, null), RejectReason.InvalidQuantity);
    }

    [Fact]
    public void MassCancel_NegativeAccount_RejectedUnknownAccount()
    {
        AssertRejectedUnchanged(NewDriver(), Command.MassCancelOrders(-1, null), RejectReason.UnknownAccount);
        AssertRejectedUnchanged(NewDriver(), Command.MassCancelOrders(-1, BtcUsdc), RejectReason.UnknownAccount);
    }

    [Fact]
    public void Deposit_ToHighAccountId_OnlyThatAssetGetsACredit()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.DepositFunds(1_000_000, Eth, 5));
        Assert.Equal(5, d.Available(1_000_000, Eth));
        Assert.Equal(0, d.Available(1_000_000, Usdc));
        Assert.Equal(0, d.Available(1_000_000, 60));
    }
}
