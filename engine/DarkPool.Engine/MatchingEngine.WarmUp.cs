namespace DarkPool.Engine;

/// <summary>Compiling the auction code before the first auction needs it.</summary>
public sealed partial class MatchingEngine
{
    /// <summary>Scratch book size (plus one large order): every per-order method is called dozens of times.</summary>
    internal const int WarmUpOrders = 96;

    /// <summary>True once this engine has run its scratch uncross (or was told not to).</summary>
    private bool _auctionsWarm;

    /// <summary>
    /// The first time an auction market is created, runs one uncross of a small scratch book (see
    /// <see cref="RunAuctionWarmUp"/>). An uncross runs once per auction, over up to a market's whole book,
    /// so the just-in-time compiler would otherwise compile its code (about a hundred methods) inside the
    /// first one, the first auction after a restart (docs/PERFORMANCE.md, "Dark-pool order types").
    /// </summary>
    private void WarmUpAuctions()
    {
        if (_auctionsWarm)
        {
            return;
        }

        _auctionsWarm = true;
        if (_options.WarmUpAuctions)
        {
            RunAuctionWarmUp(_options.Book, NullSink.Instance);
        }
    }

    /// <summary>
    /// One uncross of a scratch book on a scratch engine with the given book kind, reporting to
    /// <paramref name="sink"/>. The scratch engine shares nothing with any other: the engine that warms up
    /// keeps its state, hash and events. The book has limit orders on both sides of the mid (102) and of the
    /// clearing price (100), pegged orders, IOC orders, minimum quantities, the same accounts on both sides
    /// and one order partly filled, so that the uncross takes each of its paths.
    /// </summary>
    internal static void RunAuctionWarmUp(BookKind book, IEventSink sink)
    {
        const int Market = 0;
        var scratch = new MatchingEngine(
            new EngineOptions
            {
                Book = book,
                MaxAccounts = 4,
                MaxAssets = 2,
                MaxMarkets = 1,
                ExpectedAccounts = 4,
                ExpectedOrdersPerMarket = WarmUpOrders + 1,
                WarmUpAuctions = false,
            },
            sink);
        scratch.Execute(Command.NewMarket(Market, 0, 1, tickSize: 1, lotSize: 1, makerFeeBps: 1, takerFeeBps: 2, mode: MarketMode.Auction));
        for (int account = 1; account <= 3; account++)
        {
            scratch.Execute(Command.DepositFunds(account, 0, 1_000_000));
            scratch.Execute(Command.DepositFunds(account, 1, 1_000_000_000));
        }

        scratch.Execute(Command.ReferencePrice(Market, 97, 107));
        for (int i = 0; i < WarmUpOrders; i++)
        {
            Side side = (i & 1) == 0 ? Side.Buy : Side.Sell;
            int account = 1 + (i % 3);
            long quantity = 1 + (i % 5);
            TimeInForce tif = i % 7 == 3 ? TimeInForce.Ioc : TimeInForce.Gtc;
            long minQuantity = i % 4 == 1 && quantity >= 2 ? 2 : 0;
            scratch.Execute(i % 9 == 0
                ? Command.Midpoint(account, Market, 1 + i, side, quantity, tif: tif, minQuantity: minQuantity)
                : Command.Limit(account, Market, 1 + i, side, (side == Side.Buy ? 96 : 92) + (i * 7 % 12), quantity, tif, minQuantity: minQuantity));
        }

        // Last in priority, more than is left for it: the one partly filled order (the write-back's reduce).
        scratch.Execute(Command.Limit(1, Market, WarmUpOrders + 1, Side.Buy, 100, 20));

        scratch.Execute(Command.RunAuction(Market));
    }

    /// <summary>Where the scratch engine's events go.</summary>
    private sealed class NullSink : IEventSink
    {
        public static readonly NullSink Instance = new();

        public void OnEvent(in EngineEvent e)
        {
        }

        public void OnBook(int market, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
        {
        }
    }
}
