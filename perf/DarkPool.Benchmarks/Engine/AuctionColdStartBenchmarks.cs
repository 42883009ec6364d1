using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Engine;

/// <summary>
/// The first uncross in a fresh process, as after a restart: each launch is a new process that builds the
/// 100,000-order book (not measured) and times its one uncross, with no warm-up or pilot run by the
/// benchmark itself. With <see cref="WarmUpAuctions"/> the engine ran its scratch uncross when the auction
/// market was created; without, the uncross pays for compiling the auction code.
/// </summary>
[Config(typeof(ColdStartConfig))]
public class AuctionColdStartBenchmarks
{
    private readonly CountingSink _sink = new();
    private MatchingEngine _engine = null!;

    [Params(false, true)]
    public bool WarmUpAuctions { get; set; }

    [IterationSetup]
    public void IterationSetup() => _engine = AuctionFixture.Create(BookKind.Fast, _sink, AuctionFixture.CreateOrders(), WarmUpAuctions);

    [GlobalCleanup]
    public void GlobalCleanup() => BookFixture.ThrowIfRejected(_sink);

    [Benchmark]
    [InvocationCount(1)]
    public void FirstUncrossWith100000Orders() => _engine.Execute(Command.RunAuction(AuctionFixture.AuctionMarket));

    /// <summary>15 fresh processes, one measured uncross each, nothing run before it.</summary>
    private sealed class ColdStartConfig : ManualConfig
    {
        public ColdStartConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.ColdStart)
            .WithLaunchCount(15)
            .WithWarmupCount(0)
            .WithIterationCount(1)
            .AsMutator());
    }
}
