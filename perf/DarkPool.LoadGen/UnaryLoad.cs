using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
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
    public const string WindowOpened = "##window-opened";
    public const string WindowClosed = "##window-closed ";

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
            onWindow?.Invoke(WindowOpened);
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

            onWindow?.Invoke(WindowClosed + ok.ToString(CultureInfo.InvariantCulture));
            window.Report(ok, onWindow is null ? "process (server and generator)" : "generator process");
            allocations?.Print(25);
        }

        double measured = (Stopwatch.GetTimestamp() - measureFrom) / (double)Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"durable answers: {ok:N0} in {measured:F1} s = {ok / measured:N0}/s (offered {rate:N0}/s); failed {failed:N0} {string.Join(", ", failures.Select(f => $"{f.Key}={f.Value}"))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ack latency from planned send: p50 {Ms(histogram, 50)} ms, p90 {Ms(histogram, 90)} ms, p99 {Ms(histogram, 99)} ms, p99.9 {Ms(histogram, 99.9)} ms, max {histogram.GetMaxValue() / 1e6:F2} ms"));
    }

    /// <summary>
    /// The server side of <c>--generator process</c>: funds fresh accounts, starts this program again as the generator
    /// (<c>--generator-of</c>) with their keys, passes its output through, and reports the server process's own costs
    /// over the generator's measured window.
    /// </summary>
    public static async Task RunInChildProcessAsync(Func<AccountAddress, Task> fund, string address, string root, Dictionary<string, string> options, int sessions)
    {
        var keys = new List<string>(sessions);
        for (int s = 0; s < sessions; s++)
        {
            byte[] privateKey = RandomNumberGenerator.GetBytes(32);
            using Secp256k1AccountKey account = Secp256k1AccountKey.FromPrivateKey(privateKey);
            await fund(account.Address).ConfigureAwait(false);
            keys.Add(Convert.ToHexString(privateKey));
        }

        // Throwaway accounts of this run, next to its journal; deleted when the child has read them.
        string keyFile = Path.Combine(root, "loadgen-accounts.txt");
        await File.WriteAllLinesAsync(keyFile, keys).ConfigureAwait(false);
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };

        // The generator's HTTP/2 client allocates about 20 KB per call; with the default gen0 budget its process collected
        // ten times a second or more, each collection a pause in sending. A 128 MB gen0 budget (the generator only; the
        // server runs with its defaults) cut that to about two a second.
        if (Environment.GetEnvironmentVariable("DOTNET_GCgen0size") is null)
        {
            start.Environment["DOTNET_GCgen0size"] = "0x8000000";
        }

        // --generator-gc workstation|server (default server): the generator process's collector only.
        if (options.GetValueOrDefault("generator-gc") == "workstation")
        {
            start.Environment["DOTNET_gcServer"] = "0";
        }

        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(UnaryLoad).Assembly.Location);
        }

        foreach (string arg in (string[])["--generator-of", address, "--keys", keyFile])
        {
            start.ArgumentList.Add(arg);
        }

        // Everything but the server's own options (its data folder, its event logs, the streams' common budget).
        foreach ((string name, string value) in options.Where(o => o.Key is not ("data" or "generator" or "generator-gc" or "events-per-session" or "stream-total")))
        {
            start.ArgumentList.Add("--" + name);
            start.ArgumentList.Add(value);
        }

        using Process child = Process.Start(start)!;
        MeasuredWindow? server = null;
        while (await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line == WindowOpened)
            {
                server = MeasuredWindow.OpenNow();
            }
            else if (line.StartsWith(WindowClosed, StringComparison.Ordinal) && server is not null)
            {
                server.Report(long.Parse(line.AsSpan(WindowClosed.Length), CultureInfo.InvariantCulture), "server process");
                server.Dispose();
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        await child.WaitForExitAsync().ConfigureAwait(false);
        File.Delete(keyFile);
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The generator process exited with code {child.ExitCode}.");
        }
    }

    /// <summary>The generator process: the accounts' keys from the file, the load against the server at <paramref name="address"/>.</summary>
    public static Task<int> RunGeneratorProcessAsync(string address, Dictionary<string, string> options, double rate, int seconds, int warmup, int sessions, int connections) =>
        LoadClients.RunGeneratorAsync(address, options, connections, (channels, keys, onWindow) =>
            RunAsync(channels, sessions, fund: null, rate, seconds, warmup, options.ContainsKey("alloc-sample"), keys, onWindow));

    private static string Ms(LongHistogram h, double p) => (h.GetValueAtPercentile(p) / 1e6).ToString("F2", CultureInfo.InvariantCulture);
}
