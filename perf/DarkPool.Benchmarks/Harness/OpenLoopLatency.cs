using System.Diagnostics;
using System.Runtime.CompilerServices;
using DarkPool.Engine;
using DarkPool.Testing;
using HdrHistogram;

namespace DarkPool.Benchmarks.Harness;

/// <summary>Latency percentiles of one open-loop run, in nanoseconds.</summary>
internal readonly record struct LatencyResult(
    BookKind? Book, long OfferedRate, double AchievedRate, long P50, long P90, long P99, long P999, long P9999, long Max, int Gen0, int Gen2);

/// <summary>
/// Open-loop load on one thread: command i is planned at start + i / rate. If the engine is early the
/// loop spins until the planned time; if it is late it goes straight on, and the latency recorded is
/// completion minus the planned time, so time spent behind schedule counts (no coordinated omission).
/// </summary>
internal static class OpenLoopLatency
{
    private const long HighestTrackableNs = 60L * 1_000_000_000;

    /// <summary>
    /// Runs the first <paramref name="limit"/> measured commands (all by default) on a fresh engine at the
    /// offered rate; with no <paramref name="book"/>, runs the same schedule without an engine, which
    /// measures what the machine and the loop add on their own (the floor under every percentile).
    /// </summary>
    public static LatencyResult Run(ExchangeCoreWorkload workload, BookKind? book, long rate, int limit = int.MaxValue)
    {
        var histogram = new LongHistogram(HighestTrackableNs, 3);
        var sink = new CountingSink();
        MatchingEngine? engine = book is { } kind ? workload.CreateEngine(kind, sink) : null;
        ReadOnlySpan<Command> commands = workload.Commands.AsSpan(0, Math.Min(limit, workload.Commands.Length));
        Throughput.FullCollect();

        int gen0 = GC.CollectionCount(0);
        int gen2 = GC.CollectionCount(2);
        double seconds = Drive(engine, commands, rate, histogram);
        return new LatencyResult(book, rate, commands.Length / seconds,
            histogram.GetValueAtPercentile(50), histogram.GetValueAtPercentile(90), histogram.GetValueAtPercentile(99),
            histogram.GetValueAtPercentile(99.9), histogram.GetValueAtPercentile(99.99), histogram.GetMaxValue(),
            GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2);
    }

    /// <summary>
    /// The timed loop. Fully optimised from its first call: a loop that starts in tier-0 code is
    /// recompiled on the spot (on-stack replacement), and that compile would show up as a latency spike.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Drive(MatchingEngine? engine, ReadOnlySpan<Command> commands, long rate, LongHistogram histogram)
    {
        double ticksPerCommand = Stopwatch.Frequency / (double)rate;
        double nsPerTick = 1e9 / Stopwatch.Frequency;
        long start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 1000);
        long now = Stopwatch.GetTimestamp();
        for (int i = 0; i < commands.Length; i++)
        {
            long planned = start + (long)(i * ticksPerCommand);
            while (now < planned)
            {
                now = Stopwatch.GetTimestamp();
            }

            engine?.Execute(commands[i]);
            now = Stopwatch.GetTimestamp();
            long ns = (long)((now - planned) * nsPerTick);
            histogram.RecordValue(Math.Min(ns, HighestTrackableNs));
        }

        return (now - start) / (double)Stopwatch.Frequency;
    }
}
