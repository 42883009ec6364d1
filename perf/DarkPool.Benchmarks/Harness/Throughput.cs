using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Harness;

/// <summary>One full-speed pass over the measured commands: the rate, and what the pass allocated.</summary>
internal readonly record struct ThroughputResult(BookKind Book, double CommandsPerSecond, long AllocatedBytes, int Gen0, int Gen2, long StateHash);

internal static class Throughput
{
    /// <summary>Fresh engine, prelude applied untimed, full collection, then the timed loop.</summary>
    public static ThroughputResult Run(ExchangeCoreWorkload workload, BookKind book)
    {
        var sink = new CountingSink();
        MatchingEngine engine = workload.CreateEngine(book, sink);
        Command[] commands = workload.Commands;
        FullCollect();

        int gen0 = GC.CollectionCount(0);
        int gen2 = GC.CollectionCount(2);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long ticks = Drive(engine, commands);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        double seconds = ticks / (double)Stopwatch.Frequency;
        return new ThroughputResult(book, commands.Length / seconds, allocated,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2, engine.ComputeStateHash());
    }

    /// <summary>The timed loop, fully optimised from its first call (no on-stack replacement while timed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Drive(MatchingEngine engine, Command[] commands)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < commands.Length; i++)
        {
            engine.Execute(commands[i]);
        }

        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>A full blocking, compacting collection, so that garbage from a previous pass is not paid for by the next.</summary>
    public static void FullCollect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
