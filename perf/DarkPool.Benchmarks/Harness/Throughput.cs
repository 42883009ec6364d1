using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Harness;

/// <summary>One full-speed pass over the measured commands: the rate, and what the pass allocated.</summary>
/// <remarks>
/// <see cref="CpuCommandsPerSecond"/> divides by the time the timing thread was on a CPU (Linux schedstat),
/// not by the wall clock: on a machine shared with other work it leaves out the time the scheduler gave to
/// others. It is a second view, not a substitute: it also leaves out work done on other threads (the
/// reference book's background collections), which favours the reference book. NaN where unavailable.
/// </remarks>
internal readonly record struct ThroughputResult(BookKind Book, double CommandsPerSecond, double CpuCommandsPerSecond, long AllocatedBytes, int Gen0, int Gen2, long StateHash);

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
        // The CPU clock is read outside the allocation count: reading it allocates a little.
        long cpu = ThreadCpuNanoseconds();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long ticks = Drive(engine, commands);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        cpu = cpu < 0 ? -1 : ThreadCpuNanoseconds() - cpu;
        double seconds = ticks / (double)Stopwatch.Frequency;
        double cpuRate = cpu > 0 ? commands.Length / (cpu / 1e9) : double.NaN;
        return new ThroughputResult(book, commands.Length / seconds, cpuRate, allocated,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2, engine.ComputeStateHash());
    }

    /// <summary>Time this thread has spent on a CPU, in ns (the first field of Linux's schedstat), or -1.</summary>
    private static long ThreadCpuNanoseconds()
    {
        const string SchedStat = "/proc/thread-self/schedstat";
        if (!File.Exists(SchedStat))
        {
            return -1;
        }

        string first = File.ReadAllText(SchedStat).Split(' ')[0];
        return long.TryParse(first, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long ns) ? ns : -1;
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
