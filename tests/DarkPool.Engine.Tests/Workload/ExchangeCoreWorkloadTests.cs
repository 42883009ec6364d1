using DarkPool.Testing;
using DarkPool.Testing.Workload;

namespace DarkPool.Engine.Tests.Workload;

public sealed class ExchangeCoreWorkloadTests
{
    private const int Commands = 200_000;
    private static readonly Lazy<ExchangeCoreWorkload> Shared = new(() => Generate(seed: 1));

    [Fact]
    public void Run_ReferenceAndFastBook_SameStateHashAndEvents()
    {
        ExchangeCoreWorkload workload = Shared.Value;
        var referenceSink = new TallySink();
        var fastSink = new TallySink();
        MatchingEngine reference = workload.CreateEngine(BookKind.Reference, referenceSink);
        MatchingEngine fast = workload.CreateEngine(BookKind.Fast, fastSink);
        Assert.Equal(reference.ComputeStateHash(), fast.ComputeStateHash());

        Command[] commands = workload.Commands;
        for (int i = 0; i < commands.Length; i++)
        {
            reference.Execute(commands[i]);
            fast.Execute(commands[i]);
            if (i % 20_000 == 0)
            {
                Assert.Equal(reference.ComputeStateHash(), fast.ComputeStateHash());
            }
        }

        Assert.Equal(reference.ComputeStateHash(), fast.ComputeStateHash());
        Assert.Equal(referenceSink.Digest, fastSink.Digest);
        Assert.Equal(referenceSink.Events, fastSink.Events);
        reference.CheckConsistency();
        fast.CheckConsistency();
    }

    [Fact]
    public void Generate_Mix_MatchesExchangeCoreWithinTolerance()
    {
        Command[] commands = Shared.Value.Commands;
        double gtc = Share(commands, c => c.Type == CommandType.Place && c.TimeInForce == TimeInForce.Gtc);
        double ioc = Share(commands, c => c.Type == CommandType.Place && c.TimeInForce == TimeInForce.Ioc);
        double cancel = Share(commands, c => c.Type == CommandType.Cancel);
        double move = Share(commands, c => c.Type == CommandType.Amend && c.Has(CommandFlags.HasPrice) && !c.Has(CommandFlags.HasQuantity));

        Assert.Equal(Commands, commands.Length);
        Assert.InRange(gtc, 0.085, 0.095);
        Assert.InRange(ioc, 0.027, 0.033);
        Assert.InRange(cancel, 0.055, 0.065);
        Assert.InRange(move, 0.81, 0.83);
        Assert.Equal(1.0, gtc + ioc + cancel + move, 9);
    }

    [Fact]
    public void Run_FastBook_RejectsNothingAndAgreesWithTheGeneratorsBook()
    {
        ExchangeCoreWorkload workload = Shared.Value;
        var sink = new TallySink();
        MatchingEngine engine = workload.CreateEngine(BookKind.Fast, sink);
        Assert.Equal(0, sink.Rejected);
        Assert.Equal(workload.Options.TargetOrders, engine.GetOrderCount(ExchangeCoreWorkload.MarketId));

        int trading = 0;
        foreach (Command command in workload.Commands)
        {
            long before = sink.Trades;
            engine.Execute(command);
            trading += sink.Trades > before ? 1 : 0;
        }

        // Measured: no command is rejected (the generator's book is exact and deposits cover every hold).
        Assert.Equal(0, sink.Rejected);
        Assert.Equal(workload.Statistics.TradingCommands, trading);
        Assert.Equal(workload.Statistics.Trades, sink.Trades);
        Assert.Equal(workload.Statistics.FinalRestingOrders, engine.GetOrderCount(ExchangeCoreWorkload.MarketId));
        engine.CheckConsistency();
    }

    [Fact]
    public void Generate_Book_HasExchangeCoreShape()
    {
        WorkloadStatistics stats = Shared.Value.Statistics;

        // exchange-core: ~1,000 resting orders over ~750 levels, ~6% of commands trade.
        Assert.InRange(stats.AverageRestingOrders, 850, 1150);
        Assert.InRange(stats.AverageLevels, 650, 850);
        Assert.InRange(stats.TradingShare, 0.045, 0.065);
        Assert.True(stats.MinRestingOrders > 500, $"The book thinned out to {stats.MinRestingOrders} orders.");
    }

    [Fact]
    public void Generate_SameSeed_SameCommands()
    {
        ExchangeCoreWorkload again = Generate(seed: 1);

        Assert.Equal(Fingerprint(Shared.Value.Prelude), Fingerprint(again.Prelude));
        Assert.Equal(Fingerprint(Shared.Value.Commands), Fingerprint(again.Commands));
        Assert.Equal(Shared.Value.Statistics, again.Statistics);
    }

    [Fact]
    public void Generate_OtherSeed_OtherCommands()
    {
        ExchangeCoreWorkload other = Generate(seed: 2);

        Assert.Equal(Fingerprint(Shared.Value.Prelude.AsSpan(0, 1 + (2 * 1_000))), Fingerprint(other.Prelude.AsSpan(0, 1 + (2 * 1_000))));
        Assert.NotEqual(Fingerprint(Shared.Value.Commands), Fingerprint(other.Commands));
    }

    private static ExchangeCoreWorkload Generate(ulong seed) =>
        ExchangeCoreWorkload.Generate(new ExchangeCoreWorkloadOptions { Commands = Commands, Seed = seed });

    private static double Share(Command[] commands, Func<Command, bool> predicate) =>
        commands.Count(predicate) / (double)commands.Length;

    /// <summary>Every field a workload command sets, folded in order.</summary>
    private static (int Count, long Hash) Fingerprint(ReadOnlySpan<Command> commands)
    {
        var hash = new HashCode();
        foreach (ref readonly Command c in commands)
        {
            hash.Add(c.Type);
            hash.Add(c.Flags);
            hash.Add(c.Side);
            hash.Add(c.OrderType);
            hash.Add(c.TimeInForce);
            hash.Add(c.Stp);
            hash.Add(c.Timestamp);
            hash.Add(c.Market);
            hash.Add(c.Account);
            hash.Add(c.OrderId);
            hash.Add(c.Price);
            hash.Add(c.Quantity);
            hash.Add(c.Asset);
            hash.Add(c.QuoteAsset);
            hash.Add(c.Amount);
            hash.Add(c.TickSize);
            hash.Add(c.LotSize);
            hash.Add(c.MakerFeeBps);
            hash.Add(c.TakerFeeBps);
        }

        return (commands.Length, hash.ToHashCode());
    }

    /// <summary>Counts events and folds every event's fields into a digest, so two runs can be compared event for event.</summary>
    private sealed class TallySink : IEventSink
    {
        private HashCode _digest;

        public long Events { get; private set; }

        public long Trades { get; private set; }

        public int Rejected { get; private set; }

        public int Digest => _digest.ToHashCode();

        public void OnEvent(in EngineEvent e)
        {
            Events++;
            Trades += e.Type == EventType.Trade ? 1 : 0;
            Rejected += e.Type == EventType.Rejected ? 1 : 0;
            _digest.Add(e.Type);
            _digest.Add(e.Command);
            _digest.Add(e.Side);
            _digest.Add(e.RejectReason);
            _digest.Add(e.CancelReason);
            _digest.Add(e.Account);
            _digest.Add(e.OrderId);
            _digest.Add(e.Price);
            _digest.Add(e.Quantity);
            _digest.Add(e.Remaining);
            _digest.Add(e.MakerAccount);
            _digest.Add(e.MakerOrderId);
            _digest.Add(e.MakerFee);
            _digest.Add(e.TakerFee);
            _digest.Add(e.Amount);
        }

        public void OnBook(int market, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
        {
        }
    }
}
