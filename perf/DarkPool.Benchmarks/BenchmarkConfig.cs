using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace DarkPool.Benchmarks;

/// <summary>
/// The one configuration every benchmark in this assembly runs under (Program passes it to the switcher):
/// allocations are always measured, because "no allocation after start-up" is a claim the numbers must
/// show. The job is short (the machine has two shared cores). BenchmarkDotNet takes a config's default
/// job as the base of command-line jobs, so lengthen it with <c>--warmupCount</c>, <c>--iterationCount</c>
/// and <c>--launchCount</c> rather than <c>--job</c>.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(5)
            .WithId("Short")
            .AsDefault());
    }
}
