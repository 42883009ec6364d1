using CsCheck;
using DarkPool.Testing;

namespace DarkPool.Engine.Tests.Engine;

/// <summary>
/// The fast engine allocates nothing in steady state, whatever the command mix. Steady state means no new
/// high-water mark: more live orders, more accounts or a wider price span than seen before grow arrays,
/// by design (see docs/ENGINE.md).
/// </summary>
public sealed class AllocationTests
{
    private const int WarmUpLength = 200_000;

    [Fact]
    public void Execute_LongMixedStreamAfterWarmUp_AllocatesZeroBytes()
    {
        Measurement m = Measure(BookKind.Fast, 300_000);

        Assert.Equal(0, m.Allocated);

        // The probe is not blind: the measured stream did real work, including the reference path (usable
        // references that moved the mid, so uncapped pegged buys were re-held, and pegs trading on them).
        Assert.True(m.Sink.Events > 300_000, "the measured stream must do real work");
        Assert.True(m.Sink.UsableReferences > 1_000, $"usable references: {m.Sink.UsableReferences}");
        Assert.True(m.Sink.MidMoves > 1_000, $"references that moved the mid: {m.Sink.MidMoves}");
        Assert.True(m.Sink.ReferenceTrades > 100, $"trades triggered by a reference: {m.Sink.ReferenceTrades}");
        Assert.True(m.Sink.AuctionTrades > 100, $"auction trades: {m.Sink.AuctionTrades}");
    }

    /// <summary>The probe is not blind: the reference book, built from collections, does allocate.</summary>
    [Fact]
    public void Execute_ReferenceBook_AllocationIsMeasured()
    {
        Measurement m = Measure(BookKind.Reference, 20_000);
        Assert.True(m.Allocated > 0);
    }

    /// <summary>
    /// The uncross's working set is sized when the auction market is created, so the first uncross of a
    /// book within <see cref="EngineOptions.ExpectedOrdersPerMarket"/> allocates nothing either. A first
    /// engine's uncross is run and not measured: the first one in a process also creates the runtime's
    /// lazily built helpers (the sort helpers, about 2 KB), once per process, not per engine.
    /// </summary>
    [Fact]
    public void Execute_FirstUncrossOfFreshEngineWithinExpectedSize_AllocatesZeroBytes()
    {
        var sink = new PathCountingSink();
        BuildAuctionBook(sink).Execute(Command.RunAuction(AuctionMarket));
        MatchingEngine engine = BuildAuctionBook(sink);

        sink.Reset();
        long before = GC.GetAllocatedBytesForCurrentThread();
        engine.Execute(Command.RunAuction(AuctionMarket));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(sink.AuctionTrades > 1_000, $"auction trades: {sink.AuctionTrades}");
        Assert.True(sink.Cancelled > 10, $"IOC remainders cancelled: {sink.Cancelled}");
        engine.CheckConsistency();
    }

    private const int AuctionMarket = 0;

    /// <summary>
    /// 4,000 orders (room for 4,096): buys at 900-1,299 and sells at 700-1,099 (400 levels a side, more than
    /// the 64 the level copies start with), every 25th order pegged around a mid of 1,000, every 10th IOC.
    /// </summary>
    private static MatchingEngine BuildAuctionBook(IEventSink sink)
    {
        var engine = new MatchingEngine(new EngineOptions { ExpectedAccounts = 64, ExpectedOrdersPerMarket = 4_096 }, sink);
        engine.Execute(Command.NewMarket(AuctionMarket, 0, 1, tickSize: 1, lotSize: 1, makerFeeBps: 1, takerFeeBps: 2, mode: MarketMode.Auction));
        for (int account = 1; account <= 50; account++)
        {
            engine.Execute(Command.DepositFunds(account, 0, 1_000_000));
            engine.Execute(Command.DepositFunds(account, 1, 1_000_000_000));
        }

        engine.Execute(Command.ReferencePrice(AuctionMarket, 990, 1_010));
        for (int i = 0; i < 4_000; i++)
        {
            Side side = (i & 1) == 0 ? Side.Buy : Side.Sell;
            long price = (side == Side.Buy ? 900 : 700) + (i * 7919L % 400);
            TimeInForce tif = i % 10 == 3 ? TimeInForce.Ioc : TimeInForce.Gtc;
            engine.Execute(i % 25 == 0
                ? Command.Midpoint(1 + (i % 50), AuctionMarket, 1 + i, side, 1 + (i % 7), tif: tif)
                : Command.Limit(1 + (i % 50), AuctionMarket, 1 + i, side, price, 1 + (i % 7), tif));
        }

        return engine;
    }

    private static Measurement Measure(BookKind kind, int length)
    {
        var sink = new PathCountingSink();
        var options = new EngineOptions
        {
            Book = kind,
            MaxAccounts = 16,
            MaxAssets = 4,
            MaxMarkets = 4,
            ExpectedAccounts = 16,
            ExpectedOrdersPerMarket = 1_024,
        };
        var engine = new MatchingEngine(options, sink);
        foreach (Command c in CommandGen.Prelude())
        {
            engine.Execute(c);
        }

        // One timed stream, so the measured part continues the warm-up's clock: its references are fresh
        // and in order as often as the generator makes them, not all refused as older than the last one.
        Command[] stream = CommandGen.SteadyStateStream(WarmUpLength + length).Single();
        for (int i = 0; i < WarmUpLength; i++)
        {
            engine.Execute(stream[i]);
        }

        sink.Reset();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = WarmUpLength; i < stream.Length; i++)
        {
            engine.Execute(stream[i]);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        engine.CheckConsistency();
        return new Measurement(allocated, sink);
    }

    private sealed record Measurement(long Allocated, PathCountingSink Sink);

    /// <summary>Counts events by the path that produced them, without keeping them (allocates nothing).</summary>
    private sealed class PathCountingSink : IEventSink
    {
        private readonly long[] _lastMid = new long[8];

        public long Events { get; private set; }

        public long UsableReferences { get; private set; }

        public long MidMoves { get; private set; }

        public long ReferenceTrades { get; private set; }

        public long AuctionTrades { get; private set; }

        public long Cancelled { get; private set; }

        public void Reset()
        {
            Events = 0;
            UsableReferences = 0;
            MidMoves = 0;
            ReferenceTrades = 0;
            AuctionTrades = 0;
            Cancelled = 0;
        }

        public void OnEvent(in EngineEvent e)
        {
            Events++;
            if (e.Type == EventType.ReferenceUpdated && e.Price != 0)
            {
                UsableReferences++;
                if ((uint)e.Market < (uint)_lastMid.Length)
                {
                    MidMoves += _lastMid[e.Market] != e.Price ? 1 : 0;
                    _lastMid[e.Market] = e.Price;
                }
            }
            else if (e.Type == EventType.Trade)
            {
                ReferenceTrades += e.Command == CommandType.Reference ? 1 : 0;
                AuctionTrades += e.Command == CommandType.Auction ? 1 : 0;
            }
            else if (e.Type == EventType.Cancelled)
            {
                Cancelled++;
            }
        }

        public void OnBook(int market, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks) => Events++;
    }
}
