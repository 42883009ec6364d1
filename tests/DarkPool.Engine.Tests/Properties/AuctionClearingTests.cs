using CsCheck;
using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Properties;

/// <summary>
/// The uncross against brute force: for random books (limit orders at several prices, pegged orders,
/// capped or not, with or without a reference), every tick in a wide range and the mid are tried one by one, and the
/// engine's clearing price and volume must be the best by volume, then imbalance, then distance to the
/// mid, then the lowest price. Buyers and sellers are different accounts and there are no minimums,
/// so the engine must execute the whole volume.
/// </summary>
public sealed class AuctionClearingTests
{
    private const int Market = 0;

    /// <summary>A pegged order with <see cref="Capped"/> uses <see cref="Price"/> as its cap (buy) or floor (sell).</summary>
    private sealed record AuctionOrder(Side Side, long Price, long Quantity, bool Pegged, bool Capped);

    private static readonly Gen<AuctionOrder> OrderGen = Gen.Select(Gen.Enum<Side>(), Gen.Long[94, 106], Gen.Long[1, 10], Gen.Int[0, 7],
        (side, price, quantity, kind) => new AuctionOrder(side, price, quantity, kind <= 1, kind == 1));

    private static readonly Gen<(AuctionOrder[] Orders, long Bid, long Spread, long TickSize)> BookGen = Gen.Select(
        OrderGen.Array[1, 40], Gen.Frequency((1, Gen.Const(0L)), (3, Gen.Long[90, 104])), Gen.Long[1, 9], Gen.Frequency((3, Gen.Const(1L)), (1, Gen.Const(2L))));

    [Theory]
    [InlineData(BookKind.Fast)]
    [InlineData(BookKind.Reference)]
    public void RandomBooks_ClearingPriceAndVolume_MatchBruteForce(BookKind kind)
    {
        BookGen.Sample(book => Check(kind, book.Orders, book.Bid, book.Spread, book.TickSize), iter: 2_000);
    }

    private static void Check(BookKind kind, AuctionOrder[] orders, long bid, long spread, long tickSize)
    {
        var d = new EngineDriver(kind);
        d.Run(Command.NewMarket(Market, Btc, Usdc, tickSize, lotSize: 1, mode: MarketMode.Auction));
        for (int account = 1; account <= 4; account++)
        {
            d.Run(Command.DepositFunds(account, Btc, 1_000));
            d.Run(Command.DepositFunds(account, Usdc, 1_000_000));
        }

        long mid = 0;
        if (bid != 0)
        {
            d.Run(Command.ReferencePrice(Market, bid, bid + spread));
            mid = MidOf(bid, bid + spread);
        }

        var accepted = new List<AuctionOrder>();
        for (int i = 0; i < orders.Length; i++)
        {
            AuctionOrder o = orders[i];
            int account = (o.Side == Side.Buy ? 1 : 3) + (i % 2);
            long price = o.Price / tickSize * tickSize;
            Command place = o.Pegged
                ? Command.Midpoint(account, Market, i + 1, o.Side, o.Quantity, o.Capped ? price : null)
                : Command.Limit(account, Market, i + 1, o.Side, price, o.Quantity);
            if (d.Run(place)[0].Type == EventType.Accepted)
            {
                accepted.Add(o with { Price = price });
            }
        }

        (long expectedPrice, long expectedVolume) = BruteForce(accepted, mid, tickSize);
        EngineEvent summary = d.Run(Command.RunAuction(Market))[^1];
        Assert.Equal(EventType.Uncrossed, summary.Type);
        Assert.Equal((expectedPrice, expectedVolume), (summary.Price, summary.Quantity));
    }

    private static (long Price, long Volume) BruteForce(List<AuctionOrder> orders, long mid, long tickSize)
    {
        // Every tick from well below to well above any order price, and the mid.
        List<long> prices = [.. Enumerable.Range(80, 41).Select(p => (long)p).Where(p => p % tickSize == 0)];
        if (mid != 0)
        {
            prices.Add(mid);
        }

        long bestPrice = 0;
        long bestVolume = 0;
        long bestImbalance = 0;
        long bestDistance = 0;
        foreach (long p in prices.Distinct().Order())
        {
            // A pegged order stands at the mid, if its cap (buy) or floor (sell) lets it trade there.
            long demand = orders.Where(o => o.Side == Side.Buy
                && (o.Pegged ? mid != 0 && mid >= p && (!o.Capped || mid <= o.Price) : o.Price >= p)).Sum(o => o.Quantity);
            long supply = orders.Where(o => o.Side == Side.Sell
                && (o.Pegged ? mid != 0 && mid <= p && (!o.Capped || mid >= o.Price) : o.Price <= p)).Sum(o => o.Quantity);
            long volume = Math.Min(demand, supply);
            long imbalance = Math.Abs(demand - supply);
            long distance = mid != 0 ? Math.Abs(p - mid) : 0;
            bool better = volume > bestVolume
                || (volume == bestVolume && volume > 0 && (imbalance < bestImbalance || (imbalance == bestImbalance && distance < bestDistance)));
            if (better)
            {
                (bestPrice, bestVolume, bestImbalance, bestDistance) = (p, volume, imbalance, distance);
            }
        }

        return (bestPrice, bestVolume);
    }

    /// <summary>The half-to-even mid, computed independently of the engine.</summary>
    private static long MidOf(long bid, long ask)
    {
        long sum = bid + ask;
        long half = sum / 2;
        return sum % 2 == 0 || half % 2 == 0 ? half : half + 1;
    }
}
