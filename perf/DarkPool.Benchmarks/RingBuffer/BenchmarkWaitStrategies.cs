using DarkPool.Disruptor;

namespace DarkPool.Benchmarks.RingBuffer;

/// <summary>Maps the benchmarks' string parameters to wait strategies.</summary>
internal static class BenchmarkWaitStrategies
{
    public static IWaitStrategy Create(string name) => name switch
    {
        "BusySpin" => new BusySpinWaitStrategy(),
        "Yielding" => new YieldingWaitStrategy(),
        "Sleeping" => new SleepingWaitStrategy(),
        "Blocking" => new BlockingWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown wait strategy."),
    };
}
