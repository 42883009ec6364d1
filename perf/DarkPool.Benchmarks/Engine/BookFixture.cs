using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Engine;

/// <summary>
/// A funded market with a book shaped like exchange-core's (about 1,000 orders over about 750 levels
/// around 100,000), for the micro-benchmarks to work against.
/// </summary>
internal static class BookFixture
{
    public const int Market = 0;
    public const int Accounts = 1_000;
    public const long Mid = 100_000;
    public const int BaseOrders = 1_000;

    /// <summary>Base book order ids are 1 to <see cref="BaseOrders"/>; benchmarks use ids above this.</summary>
    public const long FirstFreeId = 1_000_000;

    /// <summary>Room for the base book plus what the iteration-setup benchmarks add (10,000 orders).</summary>
    public const int ExpectedOrders = 16_384;

    /// <summary>Per account; a thousand of them still fit the supply limit.</summary>
    public const long QuoteDeposit = 1_000_000_000_000_000;

    public const long BaseDeposit = 1_000_000_000_000;

    /// <param name="book">The book implementation.</param>
    /// <param name="sink">Where events go.</param>
    /// <param name="baseQuantity">Lots of each base order.</param>
    /// <param name="expectedOrders">Orders per market the engine is sized for.</param>
    /// <param name="warmUpAuctions">Whether creating an auction market runs the engine's scratch uncross.</param>
    public static MatchingEngine Create(BookKind book, IEventSink sink, long baseQuantity = 10, int expectedOrders = ExpectedOrders,
        bool warmUpAuctions = true)
    {
        var engine = new MatchingEngine(
            new EngineOptions
            {
                Book = book,
                ExpectedAccounts = Accounts + 1,
                ExpectedOrdersPerMarket = expectedOrders,
                WarmUpAuctions = warmUpAuctions,
            },
            sink);
        engine.Execute(Command.NewMarket(Market, baseAsset: 0, quoteAsset: 1, tickSize: 1, lotSize: 1, makerFeeBps: 1, takerFeeBps: 2));
        for (int account = 1; account <= Accounts; account++)
        {
            engine.Execute(Command.DepositFunds(account, 1, QuoteDeposit));
            engine.Execute(Command.DepositFunds(account, 0, BaseDeposit));
        }

        for (int i = 0; i < BaseOrders; i++)
        {
            engine.Execute(BaseOrder(i, baseQuantity));
        }

        return engine;
    }

    /// <summary>The i-th base order: bids below the mid, asks above, 375 levels a side.</summary>
    public static Command BaseOrder(int i, long quantity)
    {
        Side side = (i & 1) == 0 ? Side.Buy : Side.Sell;
        long distance = 1 + ((i / 2) % 375);
        long price = side == Side.Buy ? Mid - distance : Mid + distance;
        return Command.Limit(AccountOf(i), Market, 1 + i, side, price, quantity);
    }

    public static int AccountOf(int i) => 1 + (i % Accounts);

    /// <summary>A benchmark whose commands were rejected measured the wrong thing.</summary>
    public static void ThrowIfRejected(CountingSink sink)
    {
        if (sink.Rejections != 0)
        {
            throw new InvalidOperationException($"{sink.Rejections} benchmark commands were rejected.");
        }
    }
}
