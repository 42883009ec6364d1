using System.Diagnostics;
using System.Globalization;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using Grpc.Net.Client;
using HdrHistogram;

/// <summary>
/// The unary load: many sessions sending sealed orders by <c>Requests.Submit</c>, open loop, latency from the planned send
/// time. Runs in the server's process, or (<c>--generator process</c>) in a child process of its own.
/// </summary>
internal static class UnaryLoad
{
    public static async Task RunAsync(
        GrpcChannel[] channels, int sessions, Func<AccountAddress, Task>? fund, double rate, int seconds, int warmup, bool allocSample,
        IReadOnlyList<byte[]>? privateKeys, Action<string>? onWindow, bool lean, bool timeline = false)
    {
        // Sessions are opened through the SDK's channels; the load goes through the chosen transport, one per connection.
        ISubmitter[] transports = lean
            ? [.. (await LoadClients.LeanConnectionsAsync(channels).ConfigureAwait(false)).Select(c => (ISubmitter)new LeanSubmitter(c))]
            : [.. channels.Select(c => (ISubmitter)new GrpcSubmitter(new Requests.RequestsClient(c)))];
        var clients = new (ClientSession Session, ISubmitter Requests)[sessions];
        for (int s = 0; s < sessions; s++)
        {
            ClientSession session = await LoadClients.OpenSessionAsync(channels[s % channels.Length], fund, privateKeys?[s]).ConfigureAwait(false);
            clients[s] = (session, transports[s % transports.Length]);
        }

        var schedule = new PacedSchedule(warmup, seconds);
        var drivers = new PacedDriver[sessions];
        for (int s = 0; s < sessions; s++)
        {
            drivers[s] = new SessionDriver(clients[s].Session, clients[s].Requests, s, sessions, rate, schedule.Start, schedule.MeasureFrom);
        }

        await RunPacedAsync(drivers, schedule, rate, allocSample, onWindow, "durable answers", timeline).ConfigureAwait(false);
    }

    /// <summary>When an open-loop run starts (a second from now), when its measured window opens, and when it ends.</summary>
    public readonly record struct PacedSchedule(long Start, long MeasureFrom, long End)
    {
        public PacedSchedule(int warmup, int seconds)
            : this(Stopwatch.GetTimestamp() + Stopwatch.Frequency, warmup, seconds)
        {
        }

        private PacedSchedule(long start, int warmup, int seconds)
            : this(start, start + (long)(warmup * (double)Stopwatch.Frequency), start + (long)((warmup + seconds) * (double)Stopwatch.Frequency))
        {
        }
    }

    /// <summary>
    /// Runs paced drivers through the schedule and prints the costs over the measured window, the answered rate and the
    /// latency percentiles from the planned send times.
    /// </summary>
    public static async Task RunPacedAsync(PacedDriver[] drivers, PacedSchedule schedule, double rate, bool allocSample, Action<string>? onWindow, string answers, bool timeline = false)
    {
        SecondCounts? seconds = timeline ? new SecondCounts((int)Math.Ceiling((schedule.End - schedule.MeasureFrom) / (double)Stopwatch.Frequency)) : null;
        foreach (PacedDriver d in drivers)
        {
            d.Timeline = seconds;
        }

        using AllocationSampler? allocations = allocSample ? new AllocationSampler() : null;
        PacedTotals totals;
        using (MeasuredWindow window = MeasuredWindow.Start(schedule.MeasureFrom, () =>
        {
            allocations?.Begin();
            onWindow?.Invoke(LoadClients.WindowOpened);
        }))
        {
            totals = await PacedDriver.PaceAsync(drivers, schedule.Start, rate, schedule.End).ConfigureAwait(false);
            onWindow?.Invoke(LoadClients.WindowClosed + totals.Ok.ToString(CultureInfo.InvariantCulture));
            window.Report(totals.Ok, onWindow is null ? "process (server and generator)" : "generator process");
            allocations?.Print(25);
        }

        for (int second = 0; second < (seconds?.Length ?? 0); second++)
        {
            if (seconds!.Answers(second) > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  second {second,3}: {seconds.Line(second)}"));
            }
        }

        double measured = (Stopwatch.GetTimestamp() - schedule.MeasureFrom) / (double)Stopwatch.Frequency;
        (long ok, long failed, HistogramBase histogram, HistogramBase lateness) = (totals.Ok, totals.Failed, totals.Latency, totals.Lateness);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{answers}: {ok:N0} in {measured:F1} s = {ok / measured:N0}/s (offered {rate:N0}/s); failed {failed:N0} {totals.FailuresText}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ack latency from planned send: p50 {Ms(histogram, 50)} ms, p90 {Ms(histogram, 90)} ms, p99 {Ms(histogram, 99)} ms, p99.9 {Ms(histogram, 99.9)} ms, max {histogram.GetMaxValue() / 1e6:F2} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"send lateness (planned send to the request's sealing: the pacer's lateness, and a session still waiting for its previous answer): p50 {Ms(lateness, 50)} ms, p90 {Ms(lateness, 90)} ms, p99 {Ms(lateness, 99)} ms, max {lateness.GetMaxValue() / 1e6:F2} ms"));
    }

    /// <summary>The generator process: the accounts' keys from the file, the load against the server at <paramref name="address"/>.</summary>
    public static Task<int> RunGeneratorProcessAsync(string address, Dictionary<string, string> options, double rate, int seconds, int warmup, int sessions, int connections) =>
        LoadClients.RunGeneratorAsync(address, options, connections, (channels, keys, onWindow) =>
            RunAsync(channels, sessions, fund: null, rate, seconds, warmup, LoadClients.Flag(options, "alloc-sample"), keys, onWindow, LoadClients.Lean(options), LoadClients.Flag(options, "timeline")));

    /// <summary>One line per second of the measured window (by planned send time): answers, how many took over 10 ms, the slowest.</summary>
    private static string Ms(HistogramBase h, double p) => (h.GetValueAtPercentile(p) / 1e6).ToString("F2", CultureInfo.InvariantCulture);
}
