using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Contract;

/// <summary>Edge cases of the dark-pool order types found in review: each was a bug once.</summary>
public abstract partial class BookContractTests
{
    [Fact]
    public void Midpoint_AmendCapEqualToHeldMid_MakesTheOrderCapped()
    {
        EngineDriver d = WithReference(99, 101);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Buy, 10));
        Assert.Equal([EventType.Amended], d.Run(Command.AmendOrder(1, BtcUsdc, 1, 100, null)).Select(e => e.Type));
        d.Run(Command.ReferencePrice(BtcUsdc, 109, 111));
        Assert.Equal(1_000, d.Held(1, Usdc));
        Assert.DoesNotContain(d.Run(Command.Midpoint(2, BtcUsdc, 2, Side.Sell, 10)), e => e.Type == EventType.Trade);
    }

    [Fact]
    public void Midpoint_ReholdingUncappedBuys_ReleasesBeforeRaisingSoPriorityHolds()
    {
        EngineDriver d = new(Kind);
        d.Run(Command.NewMarket(BtcUsdc, Btc, Usdc, tickSize: 1, lotSize: 1));
        d.Run(Command.DepositFunds(1, Usdc, 1_000));
        d.Run(Command.DepositFunds(2, Btc, 100));
        d.Run(Command.ReferencePrice(BtcUsdc, 99, 101, observedAt: 1, timestamp: 1));
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Buy, 10));
        d.Run(Command.ReferencePrice(BtcUsdc, 119, 121, observedAt: 2, timestamp: 2));
        d.Run(Command.DepositFunds(1, Usdc, 1_200));
        d.Run(Command.Midpoint(1, BtcUsdc, 2, Side.Buy, 10));

        // At mid 110 the newer order releases 100, which the older one needs to be re-held: it keeps its priority.
        d.Run(Command.ReferencePrice(BtcUsdc, 109, 111, observedAt: 3, timestamp: 3));
        EngineEvent trade = Assert.Single(d.Run(Command.Midpoint(2, BtcUsdc, 3, Side.Sell, 10)), e => e.Type == EventType.Trade);
        Assert.Equal((1L, 110L), (trade.MakerOrderId, trade.Price));
    }

    [Fact]
    public void Midpoint_MidAboveTopOfTickGrid_SellStillTakesCrossingBid()
    {
        const long tick = 1_000;
        const long top = long.MaxValue / tick * tick;
        EngineDriver d = new(Kind);
        d.Run(Command.NewMarket(BtcUsdc, Btc, Usdc, tickSize: tick, lotSize: 1));
        d.Run(Command.DepositFunds(1, Usdc, 2));
        d.Run(Command.DepositFunds(2, Usdc, top));
        d.Run(Command.DepositFunds(3, Btc, 1));
        d.Run(Command.ReferencePrice(BtcUsdc, 1, 3));
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Buy, 1));
        d.Run(Command.ReferencePrice(BtcUsdc, top + 1, top + 3));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Buy, top, 1));
        EngineEvent trade = Assert.Single(d.Run(Command.Limit(3, BtcUsdc, 3, Side.Sell, top, 1)), e => e.Type == EventType.Trade);
        Assert.Equal((top, 2), (trade.Price, trade.MakerAccount));
    }

    [Fact]
    public void Midpoint_ObservedAtFarPast_StaleNotWrappedToFresh()
    {
        EngineDriver d = WithReference(99, 101, maxAge: 10, observedAt: long.MinValue, now: 0);
        d.Run(Command.Midpoint(1, BtcUsdc, 1, Side.Sell, 1));
        Command buy = Command.Midpoint(2, BtcUsdc, 2, Side.Buy, 1, limit: 200);
        buy.Timestamp = 5;
        Assert.DoesNotContain(d.Run(buy), e => e.Type == EventType.Trade);
    }

    [Fact]
    public void Auction_ClearsAtLongMaxValue()
    {
        EngineDriver d = new(Kind);
        d.Run(Command.NewMarket(BtcUsdc, Btc, Usdc, tickSize: 1, lotSize: 1, mode: MarketMode.Auction));
        d.Run(Command.DepositFunds(1, Usdc, long.MaxValue));
        d.Run(Command.DepositFunds(2, Btc, 1));
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Buy, long.MaxValue, 1));
        d.Run(Command.Limit(2, BtcUsdc, 2, Side.Sell, long.MaxValue, 1));
        EngineEvent summary = d.Run(Command.RunAuction(BtcUsdc))[^1];
        Assert.Equal((EventType.Uncrossed, long.MaxValue, 1L), (summary.Type, summary.Price, summary.Quantity));
    }

    [Fact]
    public void GetOpenOrders_ListsOnlyTheAccountsLiveOrders()
    {
        EngineDriver d = WithReference(100, 110);
        d.Run(Command.Limit(1, BtcUsdc, 1, Side.Buy, 99, 5, minQuantity: 2));
        d.Run(Command.Midpoint(1, BtcUsdc, 2, Side.Sell, 3, limit: 120));
        d.Run(Command.Limit(2, BtcUsdc, 3, Side.Buy, 98, 1));
        d.Run(Command.Limit(1, BtcUsdc, 4, Side.Buy, 97, 1));
        d.Run(Command.CancelOrder(1, BtcUsdc, 4));

        var orders = new OpenOrder[1];
        Assert.Equal(2, d.Engine.GetOpenOrders(1, orders));
        Assert.Equal(new OpenOrder(BtcUsdc, 1, Side.Buy, false, 99, 5, 2, 495), orders[0]);
        orders = new OpenOrder[4];
        Assert.Equal(2, d.Engine.GetOpenOrders(1, orders));
        Assert.Equal(new OpenOrder(BtcUsdc, 2, Side.Sell, true, 120, 3, 0, 3), orders[1]);
        Assert.Equal(0, d.Engine.GetOpenOrders(4, orders));
    }
}
