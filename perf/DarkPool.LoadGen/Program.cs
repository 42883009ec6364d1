using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using DarkPool.Enclave.Core;
using DarkPool.Gateway;
using DarkPool.Gateway.V1;
using DarkPool.Host;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using HdrHistogram;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Abstractions;

// dotnet run -c Release --project perf/DarkPool.LoadGen -- --rate 40000 --seconds 60 [--sessions 256] [--warmup 5] [--connections 4] [--data FOLDER]
//   or --mode mm [--makers 4] [--window 256] [--quote-rate 0 = as fast as possible] [--takers 32] [--taker-rate 1000]
//   [--stream-total N = Gateway:StreamInFlightTotal]: market
//   makers cancel-replacing over Requests.Stream while takers send orders (MarketMakerLoad.cs).
// Open loop: session s sends its i-th request at start + i * sessions / rate + s / rate (OpenLoopPacer); latency is
// measured from that planned time (no coordinated omission). Requests of one session go one at a time (sequence numbers
// must arrive in order), so a session that falls behind sends late and its lateness shows in the latency.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

double rate = double.Parse(options.GetValueOrDefault("rate", "20000"), CultureInfo.InvariantCulture);
int seconds = int.Parse(options.GetValueOrDefault("seconds", "20"), CultureInfo.InvariantCulture);
int warmup = int.Parse(options.GetValueOrDefault("warmup", "5"), CultureInfo.InvariantCulture);
int sessions = int.Parse(options.GetValueOrDefault("sessions", "256"), CultureInfo.InvariantCulture);
int connections = int.Parse(options.GetValueOrDefault("connections", "4"), CultureInfo.InvariantCulture);

// The data folder decides what an fsync costs: by default a fresh folder under the working directory (a real disk,
// not a tmpfs); --data chooses another. Record it with the results.
string root = Path.GetFullPath(options.GetValueOrDefault("data", Path.Combine("darkpool-load", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture))));
Directory.CreateDirectory(root);
if (!EnclaveHost.TryStart(new EnclaveHostOptions
{
    DataFolder = root,
    EventsPerSession = int.Parse(options.GetValueOrDefault("events-per-session", "4096"), CultureInfo.InvariantCulture),
}, NullLogger.Instance, out EnclaveHost? host, out string? error))
{
    Console.Error.WriteLine(error);
    return 1;
}

WebApplicationBuilder builder = WebApplication.CreateBuilder();
builder.Logging.ClearProviders();
builder.Services.AddSingleton(host);
builder.Services.AddDarkPoolGateway(o =>
{
    o.RequestsPerSecondPerSession = 1_000_000;
    o.CallsPerSecondPerConnection = 10_000_000;
    if (options.TryGetValue("stream-total", out string? total))
    {
        o.StreamInFlightTotal = int.Parse(total, CultureInfo.InvariantCulture);
    }
});
builder.WebHost.ConfigureKestrel(k =>
{
    k.Limits.Http2.MaxStreamsPerConnection = 1024;
    k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2);
});
WebApplication app = builder.Build();
app.MapDarkPoolGateway();
await app.StartAsync();
string address = app.Urls.First();
Console.WriteLine($"server {address}; data {root}; offered {rate:N0}/s for {seconds} s after {warmup} s warm-up; {sessions} sessions over {connections} connections");

GrpcChannel[] channels = [.. Enumerable.Range(0, connections).Select(_ => GrpcChannel.ForAddress(address, new GrpcChannelOptions
{
    HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
}))];
if (options.GetValueOrDefault("mode") == "mm")
{
    await MarketMakerLoad.RunAsync(host, channels, options, warmup, seconds);
    await app.StopAsync();
    host.Dispose();
    if (!options.ContainsKey("data"))
    {
        Directory.Delete(root, recursive: true);
    }

    return 0;
}

var clients = new (ClientSession Session, Requests.RequestsClient Requests)[sessions];
for (int s = 0; s < sessions; s++)
{
    GrpcChannel channel = channels[s % connections];
    Evidence evidence = await new DarkPool.Gateway.V1.Attestation.AttestationClient(channel).GetEvidenceAsync(new GetEvidenceRequest { Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)) });
    using var account = Secp256k1AccountKey.Generate();
    ClientSession session = ClientSession.Create(evidence.KeyAgreementPublicKey.Span, SHA256.HashData(evidence.Quote.Span), account, DateTimeOffset.UtcNow.AddMinutes(9).ToUnixTimeMilliseconds());
    _ = await new Sessions.SessionsClient(channel).OpenAsync(new OpenSessionRequest { Handshake = ByteString.CopyFrom(session.HandshakeMessage) });
    _ = await host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, session.Account, 1, 1_000_000_000));
    _ = await host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, session.Account, 2, 1_000_000_000_000));
    clients[s] = (session, new Requests.RequestsClient(channel));
}

var histogram = new LongHistogram(3_600_000_000_000L, 3);
long ok = 0, failed = 0;
var failures = new System.Collections.Concurrent.ConcurrentDictionary<StatusCode, int>();
long startTicks = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
long measureFrom = startTicks + (long)(warmup * (double)Stopwatch.Frequency);
long end = measureFrom + (long)(seconds * (double)Stopwatch.Frequency);
var drivers = new SessionDriver[sessions];
for (int s = 0; s < sessions; s++)
{
    drivers[s] = new SessionDriver(clients[s].Session, clients[s].Requests, s, sessions, rate, startTicks, measureFrom);
}

// One pacing thread walks the whole schedule in time order (request k is planned at start + k / rate and belongs to
// session k % sessions) and hands each due request to its session, which sends it now if idle or right after the one it
// has in flight; no timer per request, and no request is sent before its planned time.
using AllocationSampler? allocations = options.ContainsKey("alloc-sample") ? new AllocationSampler() : null;
using (MeasuredWindow window = MeasuredWindow.Start(measureFrom))
{
    allocations?.Begin();
    var pacer = new Thread(() => OpenLoopPacer.Run(startTicks, rate, end, k => drivers[k % sessions].Due())) { IsBackground = true, Name = "loadgen-pacer" };
    pacer.Start();
    pacer.Join();
    await Task.WhenAll(drivers.Select(d => d.Drained));
    foreach (SessionDriver d in drivers)
    {
        histogram.Add(d.Latency);
        ok += d.Ok;
        failed += d.Failed;
        foreach ((StatusCode code, int n) in d.Failures)
        {
            _ = failures.AddOrUpdate(code, n, (_, m) => m + n);
        }
    }

    window.Report(ok);
    allocations?.Print(25);
}

double measured = (Stopwatch.GetTimestamp() - measureFrom) / (double)Stopwatch.Frequency;
Console.WriteLine($"durable answers: {ok:N0} in {measured:F1} s = {ok / measured:N0}/s (offered {rate:N0}/s); failed {failed:N0} {string.Join(", ", failures.Select(f => $"{f.Key}={f.Value}"))}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ack latency from planned send: p50 {Ms(50)} ms, p90 {Ms(90)} ms, p99 {Ms(99)} ms, p99.9 {Ms(99.9)} ms, max {histogram.GetMaxValue() / 1e6:F2} ms"));
await app.StopAsync();
host.Dispose();
if (!options.ContainsKey("data"))
{
    Directory.Delete(root, recursive: true);
}

return 0;

string Ms(double p) => (histogram.GetValueAtPercentile(p) / 1e6).ToString("F2", CultureInfo.InvariantCulture);
