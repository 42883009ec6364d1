using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using DarkPool.Engine;
using DarkPool.Testing;
using DarkPool.Testing.Workload;

namespace DarkPool.Benchmarks.Harness;

/// <summary>
/// Throughput and latency on exchange-core's workload: first a check that both books end in the same
/// state (which also warms the JIT), then both books at full speed in one process (so the ratio is
/// measured under the same conditions), then open-loop latency at each offered rate. Prints markdown.
/// </summary>
public static class WorkloadHarness
{
    private static readonly BookKind[] Books = [BookKind.Fast, BookKind.Reference];

    public static int Run(HarnessOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        PrintEnvironment(output);

        var generation = Stopwatch.StartNew();
        ExchangeCoreWorkload workload = ExchangeCoreWorkload.Generate(new ExchangeCoreWorkloadOptions { Commands = options.Commands, Seed = options.Seed });
        output.WriteLine(Invariant($"Workload: seed {options.Seed}, {workload.Prelude.Length:N0} prelude commands, {workload.Commands.Length:N0} measured commands, generated in {generation.Elapsed.TotalSeconds:F1} s."));
        output.WriteLine();

        // The verification pass doubles as the JIT warm-up of both books.
        (long fastHash, long referenceHash) = Verify(workload, output);

        output.WriteLine(Invariant($"## Throughput, full speed ({options.Iterations} passes per book, alternating, full GC before each)"));
        output.WriteLine();
        var results = new List<ThroughputResult>();
        for (int i = 0; i < options.Iterations; i++)
        {
            foreach (BookKind book in i % 2 == 0 ? options.Books : options.Books.Reverse())
            {
                string load = LoadAverage().Split(' ')[0];
                ThroughputResult r = Throughput.Run(workload, book);
                results.Add(r);
                output.WriteLine(Invariant($"- pass {i + 1}, {book}: {r.CommandsPerSecond / 1e6:F2} M commands/s ({r.CpuCommandsPerSecond / 1e6:F2} on thread CPU time), {r.AllocatedBytes:N0} B allocated, GCs gen0 {r.Gen0} / gen2 {r.Gen2}, load {load}"));
                if (r.StateHash != (book == BookKind.Fast ? fastHash : referenceHash))
                {
                    output.WriteLine("  state hash differs from the verification pass!");
                    return 1;
                }
            }
        }

        output.WriteLine();
        PrintThroughput(results, output);
        if (options.Breakdown)
        {
            foreach (BookKind book in options.Books)
            {
                PrintBreakdown(CommandBreakdown.Run(workload, book), output);
            }
        }

        if (options.LatencyRuns == 0)
        {
            return 0;
        }

        // Warm the latency path (histogram recording included) so that no first-call compile lands in a measured run.
        foreach (BookKind book in options.Books)
        {
            OpenLoopLatency.Run(workload, book, rate: 100_000_000, limit: 200_000);
        }

        output.WriteLine("## Open-loop latency (ns, from the planned send time)");
        output.WriteLine();
        output.WriteLine("| book | offered/s | achieved/s | p50 | p90 | p99 | p99.9 | p99.99 | max | GC gen0/gen2 | load before |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        BookKind?[] rows = [null, .. options.Books.Select(b => (BookKind?)b)];
        foreach (BookKind? book in rows)
        {
            foreach (long rate in options.Rates)
            {
                for (int run = 0; run < options.LatencyRuns; run++)
                {
                    string load = LoadAverage().Split(' ')[0];
                    LatencyResult l = OpenLoopLatency.Run(workload, book, rate);
                    string name = book?.ToString() ?? "none (machine + loop)";
                    output.WriteLine(Invariant($"| {name} | {rate:N0} | {l.AchievedRate:N0} | {l.P50:N0} | {l.P90:N0} | {l.P99:N0} | {l.P999:N0} | {l.P9999:N0} | {l.Max:N0} | {l.Gen0}/{l.Gen2} | {load} |"));
                }
            }
        }

        output.WriteLine();
        output.WriteLine(Invariant($"Load average at the end: {LoadAverage()}"));
        return 0;
    }

    private static (long Fast, long Reference) Verify(ExchangeCoreWorkload workload, TextWriter output)
    {
        var hashes = new long[Books.Length];
        var events = new long[Books.Length];
        var trades = new long[Books.Length];
        var rejected = new long[Books.Length];
        var trading = new int[Books.Length];
        for (int b = 0; b < Books.Length; b++)
        {
            var sink = new CountingSink();
            MatchingEngine engine = workload.CreateEngine(Books[b], sink);
            if (sink.Rejections != 0)
            {
                output.WriteLine(Invariant($"{Books[b]}: {sink.Rejections} prelude commands were rejected!"));
            }

            (long preludeEvents, long preludeTrades, long preludeRejected) = (sink.Events, sink.Trades, sink.Rejections);
            foreach (ref readonly Command c in workload.Commands.AsSpan())
            {
                long before = sink.Trades;
                engine.Execute(c);
                trading[b] += sink.Trades != before ? 1 : 0;
            }

            engine.CheckConsistency();
            hashes[b] = engine.ComputeStateHash();
            (events[b], trades[b], rejected[b]) = (sink.Events - preludeEvents, sink.Trades - preludeTrades, sink.Rejections - preludeRejected);
        }

        WorkloadStatistics s = workload.Statistics;
        int n = workload.Commands.Length;
        output.WriteLine("## Workload, as measured");
        output.WriteLine();
        output.WriteLine("| property | this workload | exchange-core |");
        output.WriteLine("|---|---:|---:|");
        output.WriteLine(Invariant($"| GTC / IOC / cancel / move | {Pct(s.GtcPlaces, n)} / {Pct(s.IocPlaces, n)} / {Pct(s.Cancels, n)} / {Pct(s.Moves, n)} | 9% / 3% / 6% / 82% |"));
        output.WriteLine(Invariant($"| commands that trade | {Pct(trading[0], n)} ({trades[0] * 100.0 / n:F2} fills per 100 commands) | ~6% |"));
        output.WriteLine(Invariant($"| resting orders, mean (min-max) | {s.AverageRestingOrders:F0} ({s.MinRestingOrders}-{s.MaxRestingOrders}) | ~1,000 |"));
        output.WriteLine(Invariant($"| price levels, mean | {s.AverageLevels:F0} | ~750 |"));
        output.WriteLine(Invariant($"| rejected commands | {rejected[0]} ({Pct(rejected[0], n)}) | - |"));
        output.WriteLine(Invariant($"| accounts | {workload.Options.Accounts:N0} | 1,000 |"));
        output.WriteLine();
        bool same = hashes[0] == hashes[1] && events[0] == events[1] && trading[0] == trading[1] && rejected[0] == rejected[1];
        output.WriteLine(Invariant($"Final state hash: fast 0x{hashes[0]:X16}, reference 0x{hashes[1]:X16}: {(same ? "identical" : "DIFFERENT")} ({events[0]:N0} / {events[1]:N0} events)."));
        output.WriteLine();
        if (!same)
        {
            throw new InvalidOperationException("The fast and the reference book disagree on the workload.");
        }

        return (hashes[0], hashes[1]);
    }

    private static void PrintThroughput(List<ThroughputResult> results, TextWriter output)
    {
        output.WriteLine("| book | median M commands/s | best M commands/s | median on thread CPU time | allocated per pass | GC gen0/gen2 per pass |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        var medians = new Dictionary<BookKind, (double Wall, double Cpu)>();
        foreach (BookKind book in results.Select(r => r.Book).Distinct())
        {
            ThroughputResult[] mine = [.. results.Where(r => r.Book == book).OrderBy(r => r.CommandsPerSecond)];
            double median = Median(mine.Select(r => r.CommandsPerSecond));
            double cpuMedian = Median(mine.Select(r => r.CpuCommandsPerSecond));
            medians[book] = (median, cpuMedian);
            ThroughputResult last = mine[^1];
            output.WriteLine(Invariant($"| {book} | {median / 1e6:F2} | {last.CommandsPerSecond / 1e6:F2} | {cpuMedian / 1e6:F2} | {mine.Max(r => r.AllocatedBytes):N0} B | {mine.Max(r => r.Gen0)}/{mine.Max(r => r.Gen2)} |"));
        }

        output.WriteLine();
        if (medians.Count == 2)
        {
            output.WriteLine(Invariant($"Fast / reference, medians: {medians[BookKind.Fast].Wall / medians[BookKind.Reference].Wall:F2}x (on thread CPU time: {medians[BookKind.Fast].Cpu / medians[BookKind.Reference].Cpu:F2}x)"));
            output.WriteLine();
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void PrintBreakdown(BreakdownResult b, TextWriter output)
    {
        output.WriteLine(Invariant($"### Where the time goes, {b.Book} book (clock read ~{b.ClockNs:F0} ns, included once per command)"));
        output.WriteLine();
        output.WriteLine("| command | count | total ms | mean ns |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach ((string kind, int count, double totalMs, double meanNs) in b.Rows)
        {
            output.WriteLine(Invariant($"| {kind} | {count:N0} | {totalMs:F1} | {meanNs:F0} |"));
        }

        output.WriteLine();
    }

    private static void PrintEnvironment(TextWriter output)
    {
        output.WriteLine("# DarkPool harness: exchange-core workload");
        output.WriteLine();
        output.WriteLine(Invariant($"- CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores"));
        output.WriteLine(Invariant($"- Memory available to the GC: {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB"));
        output.WriteLine(Invariant($"- OS: {RuntimeInformation.OSDescription}; runtime: {RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}"));
        output.WriteLine(Invariant($"- GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}; Stopwatch {Stopwatch.Frequency:N0} Hz"));
        output.WriteLine(Invariant($"- Load average at start: {LoadAverage()}"));
        output.WriteLine();
    }

    private static string CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (File.Exists(CpuInfo))
        {
            string? line = File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string LoadAverage()
    {
        const string LoadAvg = "/proc/loadavg";
        return File.Exists(LoadAvg) ? File.ReadAllText(LoadAvg).Trim() : "n/a";
    }

    private static string Pct(long part, long whole) => Invariant($"{part * 100.0 / whole:F2}%");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
