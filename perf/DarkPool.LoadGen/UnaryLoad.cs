using System.Diagnostics;
using System.Globalization;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using Grpc.Core;
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
        IReadOnlyList<byte[]>? privateKeys, Action<string>? onWindow)
    {
        var clients = new (ClientSession Session, Requests.RequestsClient Requests)[sessions];
        for (int s = 0; s < sessions; s++)
        {
            GrpcChannel channel = channels[s % channels.Length];
            ClientSession session = await LoadClients.OpenSessionAsync(channel, fund, privateKeys?[s]).ConfigureAwait(false);
            clients[s] = (session, new Requests.RequestsClient(channel));
        }

        var histogram = new LongHistogram(3_600_000_000_000L, 3);
        long ok = 0, failed = 0;
        var failures = new Dictionary<StatusCode, int>();
        long startTicks = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        long measureFrom = startTicks + (long)(warmup * (double)Stopwatch.Frequency);
        long end = measureFrom + (long)(seconds * (double)Stopwatch.Frequency);
        var drivers = new SessionDriver[sessions];
        for (int s = 0; s < sessions; s++)
        {
            drivers[s] = new SessionDriver(clients[s].Session, clients[s].Requests, s, sessions, rate, startTicks, measureFrom);
        }

        // One pacing thread walks the whole schedule in time order (request k is planned at start + k / rate and belongs
        // to session k % sessions) and hands each due request to its session, which sends it now if idle or right after
        // the one it has in flight; no timer per request, and no request is sent before its planned time.
        using AllocationSampler? allocations = allocSample ? new AllocationSampler() : null;
        using (MeasuredWindow window = MeasuredWindow.Start(measureFrom, () =>
        {
            allocations?.Begin();
            onWindow?.Invoke(LoadClients.WindowOpened);
        }))
        {
            var pacer = new Thread(() => OpenLoopPacer.Run(startTicks, rate, end, k => drivers[k % sessions].Due())) { IsBackground = true, Name = "loadgen-pacer" };
            pacer.Start();
            pacer.Join();
            await Task.WhenAll(drivers.Select(d => d.Drained)).ConfigureAwait(false);
            foreach (SessionDriver d in drivers)
            {
                histogram.Add(d.Latency);
                ok += d.Ok;
                failed += d.Failed;
                foreach ((StatusCode code, int n) in d.Failures)
                {
                    failures[code] = failures.GetValueOrDefault(code) + n;
                }
            }

            onWindow?.Invoke(LoadClients.WindowClosed + ok.ToString(CultureInfo.InvariantCulture));
            window.Report(ok, onWindow is null ? "process (server and generator)" : "generator process");
            allocations?.Print(25);
        }

        double measured = (Stopwatch.GetTimestamp() - measureFrom) / (double)Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"durable answers: {ok:N0} in {measured:F1} s = {ok / measured:N0}/s (offered {rate:N0}/s); failed {failed:N0} {string.Join(", ", failures.Select(f => $"{f.Key}={f.Value}"))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ack latency from planned send: p50 {Ms(histogram, 50)} ms, p90 {Ms(histogram, 90)} ms, p99 {Ms(histogram, 99)} ms, p99.9 {Ms(histogram, 99.9)} ms, max {histogram.GetMaxValue() / 1e6:F2} ms"));
    }

    /// <summary>The generator process: the accounts' keys from the file, the load against the server at <paramref name="address"/>.</summary>
    public static Task<int> RunGeneratorProcessAsync(string address, Dictionary<string, string> options, double rate, int seconds, int warmup, int sessions, int connections) =>
        LoadClients.RunGeneratorAsync(address, options, connections, (channels, keys, onWindow) =>
            RunAsync(channels, sessions, fund: null, rate, seconds, warmup, options.ContainsKey("alloc-sample"), keys, onWindow));

    private static string Ms(LongHistogram h, double p) => (h.GetValueAtPercentile(p) / 1e6).ToString("F2", CultureInfo.InvariantCulture);
}
