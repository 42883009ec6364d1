using System.Diagnostics;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Harness;

/// <summary>Time spent per command kind in one pass (a coarse profile; each command carries two clock reads).</summary>
internal sealed record BreakdownResult(BookKind Book, IReadOnlyList<(string Kind, int Count, double TotalMs, double MeanNs)> Rows, double ClockNs);

internal static class CommandBreakdown
{
    private static readonly string[] Kinds = ["GTC place", "IOC place", "cancel", "move (no trade)", "move (trades)", "other"];

    public static BreakdownResult Run(ExchangeCoreWorkload workload, BookKind book)
    {
        var sink = new CountingSink();
        MatchingEngine engine = workload.CreateEngine(book, sink);
        Command[] commands = workload.Commands;
        var ticks = new long[Kinds.Length];
        var counts = new int[Kinds.Length];
        Throughput.FullCollect();

        for (int i = 0; i < commands.Length; i++)
        {
            long trades = sink.Trades;
            long t0 = Stopwatch.GetTimestamp();
            engine.Execute(commands[i]);
            long t1 = Stopwatch.GetTimestamp();
            int kind = KindOf(commands[i], sink.Trades != trades);
            ticks[kind] += t1 - t0;
            counts[kind]++;
        }

        double nsPerTick = 1e9 / Stopwatch.Frequency;
        var rows = new List<(string, int, double, double)>();
        for (int k = 0; k < Kinds.Length; k++)
        {
            if (counts[k] > 0)
            {
                rows.Add((Kinds[k], counts[k], ticks[k] * nsPerTick / 1e6, ticks[k] * nsPerTick / counts[k]));
            }
        }

        return new BreakdownResult(book, rows, ClockCost());
    }

    private static int KindOf(in Command c, bool traded) => c.Type switch
    {
        CommandType.Place when c.TimeInForce == TimeInForce.Gtc => 0,
        CommandType.Place => 1,
        CommandType.Cancel => 2,
        CommandType.Amend => traded ? 4 : 3,
        _ => 5,
    };

    /// <summary>Mean cost of one clock read, to subtract mentally from the means.</summary>
    private static double ClockCost()
    {
        const int Reads = 1_000_000;
        long start = Stopwatch.GetTimestamp();
        long sum = 0;
        for (int i = 0; i < Reads; i++)
        {
            sum += Stopwatch.GetTimestamp();
        }

        long end = Stopwatch.GetTimestamp();
        GC.KeepAlive(sum);
        return (end - start) * (1e9 / Stopwatch.Frequency) / Reads;
    }
}
