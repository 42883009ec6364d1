using DarkPool.Engine;

namespace DarkPool.Benchmarks.Engine;

/// <summary>
/// An auction market holding 100,000 orders beside the base book: 50,000 buys and 50,000 sells spread over
/// 400 prices around the mid, with a reference (so 1,000 of them are pegged), about half of the volume
/// crossing. The engine is sized for its book, as a deployment expecting auctions that large would be.
/// </summary>
internal static class AuctionFixture
{
    public const int Orders = 100_000;
    public const int AuctionMarket = 1;

    /// <summary>The base book and the auction book.</summary>
    public const int ExpectedOrders = BookFixture.BaseOrders + Orders;

    public static Command[] CreateOrders()
    {
        var orders = new Command[Orders];
        for (int i = 0; i < Orders; i++)
        {
            Side side = (i & 1) == 0 ? Side.Buy : Side.Sell;
            long offset = (i * 7919L) % 400;

            // Buys from 99,900 to 100,299 and sells from 99,700 to 100,099: the middle crosses.
            long price = side == Side.Buy ? BookFixture.Mid - 100 + offset : BookFixture.Mid - 300 + offset;
            int account = BookFixture.AccountOf(i);
            long id = BookFixture.FirstFreeId + i;
            orders[i] = i % 100 == 0
                ? Command.Midpoint(account, AuctionMarket, id, side, 1 + (i % 7))
                : Command.Limit(account, AuctionMarket, id, side, price, 1 + (i % 7));
        }

        return orders;
    }

    /// <summary>A fresh engine with the auction market and its orders, not yet uncrossed.</summary>
    public static MatchingEngine Create(BookKind book, IEventSink sink, Command[] orders, bool warmUpAuctions = true)
    {
        MatchingEngine engine = BookFixture.Create(book, sink, expectedOrders: ExpectedOrders, warmUpAuctions: warmUpAuctions);
        engine.Execute(Command.NewMarket(AuctionMarket, baseAsset: 0, quoteAsset: 1, tickSize: 1, lotSize: 1,
            makerFeeBps: 1, takerFeeBps: 2, mode: MarketMode.Auction));
        engine.Execute(Command.ReferencePrice(AuctionMarket, BookFixture.Mid - 10, BookFixture.Mid + 10));
        foreach (Command order in orders)
        {
            engine.Execute(order);
        }

        return engine;
    }
}
