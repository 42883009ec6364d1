using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Contract;

public abstract partial class BookContractTests
{
    [Fact]
    public void Fees_MakerAndTakerPayInQuoteToFeeAccount()
    {
        EngineDriver d = NewDriver(makerFeeBps: 10, takerFeeBps: 20);
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 1_000, 10));
        Assert.Equal(10, d.Held(1, Btc));
        EngineEvent first = Single(d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 1_000, 20)), EventType.Trade);
        Assert.Equal((20L, 10L), (first.TakerFee, first.MakerFee));
        Assert.Equal(10_000 + 20, d.Held(2, Usdc));

        EngineEvent trade = Single(d.Run(Command.Limit(1, BtcUsdc, 3, Side.Sell, 1_000, 10)), EventType.Trade);
        Assert.Equal((20L, 10L), (trade.TakerFee, trade.MakerFee));
        Assert.Equal(1_000_000 + (10_000 - 10) + (10_000 - 20), d.Available(1, Usdc));
        Assert.Equal(0, d.Held(2, Usdc));
        Assert.Equal(1_000_000 - (10_000 + 20) - (10_000 + 10), d.Available(2, Usdc));
        Assert.Equal(60, d.Available(d.Engine.Options.FeeAccount, Usdc));
    }

    [Fact]
    public void Fees_RoundDownAndGoToFeeAccount()
    {
        EngineDriver d = NewDriver(makerFeeBps: 10, takerFeeBps: 25);
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 1_999, 1));
        EngineEvent trade = Single(d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 1_999, 1)), EventType.Trade);
        Assert.Equal((4L, 1L), (trade.TakerFee, trade.MakerFee));
        Assert.Equal(5, d.Available(d.Engine.Options.FeeAccount, Usdc));
        Assert.Equal(0, d.Held(2, Usdc));
    }

    [Fact]
    public void Deposit_CreditsAndWithdraw_Debits()
    {
        EngineDriver d = NewDriver();
        EngineEvent deposited = Assert.Single(d.Run(Command.DepositFunds(6, Usdc, 500)));
        Assert.Equal((EventType.Deposited, 500L), (deposited.Type, deposited.Amount));
        EngineEvent withdrawn = Assert.Single(d.Run(Command.WithdrawFunds(6, Usdc, 200)));
        Assert.Equal((EventType.Withdrawn, 200L), (withdrawn.Type, withdrawn.Amount));
        Assert.Equal(300, d.Available(6, Usdc));
        Assert.Equal(4_000_000 + 300, d.Engine.GetSupply(Usdc));
    }

    [Fact]
    public void Withdraw_HeldFunds_RejectedInsufficientFunds()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, 9_000));
        AssertRejectedUnchanged(d, Command.WithdrawFunds(2, Usdc, 100_001), RejectReason.InsufficientFunds);
        Assert.Single(d.Run(Command.WithdrawFunds(2, Usdc, 100_000)));
        Assert.Equal(0, d.Available(2, Usdc));
    }

    [Fact]
    public void Funds_BadInput_RejectedAndUnchanged()
    {
        EngineDriver d = NewDriver();
        AssertRejectedUnchanged(d, Command.DepositFunds(2, Usdc, 0), RejectReason.InvalidAmount);
        AssertRejectedUnchanged(d, Command.DepositFunds(2, Usdc, -5), RejectReason.InvalidAmount);
        AssertRejectedUnchanged(d, Command.WithdrawFunds(2, Usdc, -5), RejectReason.InvalidAmount);
        AssertRejectedUnchanged(d, Command.DepositFunds(2, 999, 5), RejectReason.UnknownAsset);
        AssertRejectedUnchanged(d, Command.DepositFunds(-1, Usdc, 5), RejectReason.UnknownAccount);
        AssertRejectedUnchanged(d, Command.DepositFunds(2, Usdc, long.MaxValue), RejectReason.Overflow);
    }

    [Fact]
    public void CreateMarket_BadDefinitions_Rejected()
    {
        EngineDriver d = NewDriver();
        AssertRejectedUnchanged(d, Command.NewMarket(BtcUsdc, Btc, Usdc, 1, 1), RejectReason.MarketExists);
        AssertRejectedUnchanged(d, Command.NewMarket(5, Btc, Btc, 1, 1), RejectReason.InvalidMarket);
        AssertRejectedUnchanged(d, Command.NewMarket(5, Btc, Usdc, 0, 1), RejectReason.InvalidMarket);
        AssertRejectedUnchanged(d, Command.NewMarket(5, Btc, Usdc, 1, -1), RejectReason.InvalidMarket);
        AssertRejectedUnchanged(d, Command.NewMarket(5, Btc, Usdc, 1, 1, makerFeeBps: -1), RejectReason.InvalidMarket);
        AssertRejectedUnchanged(d, Command.NewMarket(5, Btc, Usdc, 1, 1, takerFeeBps: 10_001), RejectReason.InvalidMarket);
        AssertRejectedUnchanged(d, Command.NewMarket(5, Btc, 999, 1, 1), RejectReason.InvalidMarket);
        AssertRejectedUnchanged(d, Command.NewMarket(100_000, Btc, Usdc, 1, 1), RejectReason.InvalidMarket);
        AssertRejectedUnchanged(d, Command.NewMarket(5, Btc, Usdc, 1, 1, mode: (MarketMode)7), RejectReason.InvalidMarket);
        AssertRejectedUnchanged(d, Command.NewMarket(5, Btc, Usdc, 1, 1, maxReferenceAge: -1), RejectReason.InvalidMarket);
    }

    [Fact]
    public void LotSize_MovesLotTimesBaseUnits()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.NewMarket(3, Eth, Usdc, tickSize: 10, lotSize: 100));
        d.Run(Command.Limit(1, 3, 1, Side.Sell, 50, 4));
        Assert.Equal(400, d.Held(1, Eth));
        d.Run(Command.Limit(2, 3, 2, Side.Buy, 50, 3));
        Assert.Equal(1_000 + 300, d.Available(2, Eth));
        Assert.Equal(1_000_000 - 150, d.Available(2, Usdc));
        Assert.Equal(100, d.Held(1, Eth));
    }

    [Fact]
    public void BalanceQuery_ReportsAvailableAndHeld()
    {
        EngineDriver d = NewDriver();
        d.Run(Command.Limit(2, BtcUsdc, 1, Side.Buy, 100, 5));
        EngineEvent balance = Assert.Single(d.Run(Command.BalanceQuery(2, Usdc)));
        Assert.Equal((EventType.Balance, 1_000_000 - 500L, 500L), (balance.Type, balance.Available, balance.Held));
        AssertRejected(d.Run(Command.BalanceQuery(2, 500)), RejectReason.UnknownAsset);
    }

    [Fact]
    public void BookQuery_UnknownMarket_Rejected()
    {
        AssertRejected(NewDriver().Run(Command.BookQuery(44)), RejectReason.UnknownMarket);
    }

    [Fact]
    public void Conservation_TradingMovesButNeverCreatesFunds()
    {
        EngineDriver d = NewDriver(makerFeeBps: 7, takerFeeBps: 13);
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Sell, 997, 10));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, 1_003, 7));
        d.Run(Command.MarketOrder(3, BtcUsdc, 3, Side.Buy, 5, budget: 2_500));
        d.Run(Command.Limit(4, BtcUsdc, 4, Side.Sell, 990, 9));
        foreach (int asset in new[] { Btc, Usdc })
        {
            long total = Enumerable.Range(0, 5).Sum(a => d.Available(a, asset) + d.Held(a, asset));
            Assert.Equal(d.Engine.GetSupply(asset), total);
        }

        Assert.Equal(4_000, d.Engine.GetSupply(Btc));
        Assert.True(d.Available(d.Engine.Options.FeeAccount, Usdc) > 0);
    }
}
