using System.Globalization;
using System.Net;
using DarkPool.Enclave.Core;
using DarkPool.Gateway;
using DarkPool.Host;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Abstractions;

// dotnet run -c Release --project perf/DarkPool.LoadGen -- --rate 40000 --seconds 60 [--sessions 256] [--warmup 5] [--connections 4] [--data FOLDER]
//   [--generator process: the generator (unary or mm) in a child process of its own, see UnaryLoad] [--alloc-sample 1]
//   [--timeline 1: one line per measured second, answers, answers over 10 ms, the slowest; with --generator process also
//   the server's collections, settlement batches signed and snapshots by second (ServerTimeline)] [--events-per-session N] [--client grpc (the SDK's grpc-dotnet client, default) | lean (LeanGrpcConnection)]
//   or --mode mm [--makers 4] [--window 256] [--quotes-per-request 1..15] [--quote-rate 0 = as fast as possible] [--takers 32] [--taker-rate 1000]
//   [--taker-connections N: the takers on N HTTP/2 connections of their own; 0 (default) shares the makers' connections]
//   [--stream-total N = Gateway:StreamInFlightTotal]: market
//   makers cancel-replacing over Requests.Stream while takers send orders (MarketMakerLoad.cs).
//   [--server-gc default: the server without its young-generation setting (ServerGcSettings), for comparisons]
//   [--server gateway (default: enclave host and gateway, accounts funded by operator deposit records) | full (the whole
//   server as darkpool demo runs it: embedded chain and settlement relay too, accounts funded by deposits on the chain;
//   unary load with --generator process only)]
//   or --mode echo [--payload 320] (unary) | --mode echo-stream [--streams 8] [--window 64]: the bare transport ceiling,
//   a service that only answers, driven by the same generator (EchoLoad.cs); no enclave is started.
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

// The server in this process runs with the collector setting the server itself runs with (ServerGcSettings: dotnet
// run sets it from the server's launch profile); the runtime reads it from the environment at start only, so this process
// starts itself again with it set. --server-gc default measures without it (started again without it if it was
// inherited); the bare transport (echo) keeps the defaults its recorded ceilings were measured with.
bool hostsServer = !options.ContainsKey("generator-of") && options.GetValueOrDefault("mode") is not ("echo" or "echo-stream");
bool wantsServerGc = options.GetValueOrDefault("server-gc") != "default";
if (hostsServer && wantsServerGc != (DarkPool.Server.ServerGcSettings.Warning() is null))
{
    System.Diagnostics.ProcessStartInfo again = LoadClients.ThisProgram();
    foreach (string arg in args)
    {
        again.ArgumentList.Add(arg);
    }

    if (wantsServerGc)
    {
        again.Environment[DarkPool.Server.ServerGcSettings.YoungGenerationVariable] = DarkPool.Server.ServerGcSettings.YoungGenerationValue;
    }
    else
    {
        _ = again.Environment.Remove(DarkPool.Server.ServerGcSettings.YoungGenerationVariable);
    }

    using System.Diagnostics.Process relaunched = System.Diagnostics.Process.Start(again)!;

    // Ctrl+C reaches the whole process group, so the child stops itself and this process waits for it; a SIGTERM or
    // SIGQUIT sent to this process alone would leave the child running the server, so the child's tree is ended.
    void EndChild(System.Runtime.InteropServices.PosixSignalContext context)
    {
        context.Cancel = true;
        try
        {
            relaunched.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => c.Cancel = true);
    using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, EndChild);
    using var quit = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGQUIT, EndChild);
    await relaunched.WaitForExitAsync();
    return relaunched.ExitCode;
}

// Child mode (--generator process starts it): only the generator, against a server in another process, with accounts
// the server side funded (their private keys in --keys).
if (options.TryGetValue("generator-of", out string? serverAddress))
{
    return options.GetValueOrDefault("mode") switch
    {
        "mm" => await MarketMakerLoad.RunGeneratorProcessAsync(serverAddress, options, warmup, seconds, connections),
        "echo" or "echo-stream" => await LoadClients.RunGeneratorAsync(serverAddress, options, connections,
            (channels, _, onWindow) => EchoLoad.RunAsync(channels, options, rate, seconds, warmup, sessions, onWindow)),
        _ => await UnaryLoad.RunGeneratorProcessAsync(serverAddress, options, rate, seconds, warmup, sessions, connections),
    };
}

if (options.GetValueOrDefault("mode") is "echo" or "echo-stream")
{
    return await RunEchoAsync(options, rate, seconds, warmup, sessions, connections);
}

if (options.GetValueOrDefault("server", "gateway") == "full")
{
    return await RunFullServerAsync(options, rate, seconds, warmup, sessions, connections);
}

string root = DataFolder(options);
if (!EnclaveHost.TryStart(new EnclaveHostOptions
{
    DataFolder = root,
    EventsPerSession = int.Parse(options.GetValueOrDefault("events-per-session", "4096"), CultureInfo.InvariantCulture),
}, NullLogger.Instance, out EnclaveHost? host, out string? error))
{
    Console.Error.WriteLine(error);
    return 1;
}

WebApplicationBuilder builder = DarkPool.Gateway.GatewayExtensions.CreateGatewayBuilder();
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
builder.WebHost.ConfigureKestrel(ListenOnLoopback);
WebApplication app = builder.Build();
app.MapDarkPoolGateway();
await app.StartAsync();
string address = app.Urls.First();
Console.WriteLine($"server {address}; data {root}; offered {rate:N0}/s for {seconds} s after {warmup} s warm-up; {sessions} sessions over {connections} connections");
PrintHost();

GrpcChannel[] channels = LoadClients.Channels(address, connections);
if (options.GetValueOrDefault("mode") == "mm")
{
    if (options.GetValueOrDefault("generator") == "process")
    {
        await LoadClients.RunInChildProcessAsync((_, account) => FundAsync(host, account), address, root, options, MarketMakerLoad.Sessions(options),
            LoadClients.Flag(options, "timeline") ? new ServerTimeline(host) : null);
    }
    else
    {
        await MarketMakerLoad.RunAsync(channels, options, warmup, seconds, account => FundAsync(host, account), privateKeys: null, onWindow: null);
    }

    PrintSnapshots(host);

    await app.StopAsync();
    host.Dispose();
    RemoveDataFolder(options, root);

    return 0;
}

if (options.GetValueOrDefault("generator") == "process")
{
    // The generator in its own process (as clients are in production): the server's process then pays only for the
    // server, and each side's garbage collections pause only itself. The accounts are funded here, by the operator's
    // deposit records, before the child opens their sessions.
    using AllocationSampler? serverAllocations = LoadClients.Flag(options, "alloc-sample") ? new AllocationSampler() : null;
    await LoadClients.RunInChildProcessAsync((_, account) => FundAsync(host, account), address, root, options, sessions,
        LoadClients.Flag(options, "timeline") ? new ServerTimeline(host) : null, serverAllocations);
}
else
{
    await UnaryLoad.RunAsync(channels, sessions, account => FundAsync(host, account), rate, seconds, warmup, LoadClients.Flag(options, "alloc-sample"), privateKeys: null, onWindow: null, LoadClients.Lean(options), LoadClients.Flag(options, "timeline"));
}

PrintSnapshots(host);
await app.StopAsync();
host.Dispose();
RemoveDataFolder(options, root);

return 0;

// The transport ceiling: Kestrel with the echo service only (the same Kestrel settings as the server below).
static async Task<int> RunEchoAsync(Dictionary<string, string> options, double rate, int seconds, int warmup, int sessions, int connections)
{
    WebApplicationBuilder builder = DarkPool.Gateway.GatewayExtensions.CreateGatewayBuilder();
    builder.Logging.ClearProviders();
    builder.Services.AddGrpc();
    builder.WebHost.ConfigureKestrel(ListenOnLoopback);
    WebApplication app = builder.Build();
    app.MapGrpcService<EchoLoad.Service>();
    await app.StartAsync();
    string address = app.Urls.First();
    Console.WriteLine($"echo server {address}; offered {rate:N0}/s for {seconds} s after {warmup} s warm-up; {sessions} drivers over {connections} connections");
    PrintHost();
    if (options.GetValueOrDefault("generator") == "process")
    {
        await LoadClients.RunInChildProcessAsync(fund: null, address, Path.GetTempPath(), options, sessions);
    }
    else
    {
        await EchoLoad.RunAsync(LoadClients.Channels(address, connections), options, rate, seconds, warmup, sessions, onWindow: null);
    }

    await app.StopAsync();
    return 0;
}

// The whole server (InProcessServer: the composition of DarkPool.Server with its defaults, the settlement relay posting
// batches to the embedded chain included); each account is funded the way a trader funds it: faucet tokens, a signed
// deposit on the chain, credited by the relay once confirmed (during the warm-up).
static async Task<int> RunFullServerAsync(Dictionary<string, string> options, double rate, int seconds, int warmup, int sessions, int connections)
{
    if (options.GetValueOrDefault("generator") != "process" || options.ContainsKey("mode"))
    {
        Console.Error.WriteLine("--server full runs the unary load with --generator process only.");
        return 2;
    }

    string root = DataFolder(options);
    using AllocationSampler? serverAllocations = LoadClients.Flag(options, "alloc-sample") ? new AllocationSampler() : null;
    await using (DarkPool.Server.InProcessServer server = await DarkPool.Server.InProcessServer.StartAsync(root))
    {
        Console.WriteLine($"full server {server.Address}; data {root}; offered {rate:N0}/s for {seconds} s after {warmup} s warm-up; {sessions} sessions over {connections} connections");
        PrintHost();
        using GrpcChannel channel = GrpcChannel.ForAddress(server.Address);
        await using DarkPool.ChainClient.SettlementChain chain = await DarkPool.ChainClient.SettlementChain.ConnectAsync(channel);
        await LoadClients.RunInChildProcessAsync(async (privateKey, __) =>
        {
            DarkPool.Chain.ChainKey depositor = DarkPool.Chain.ChainKey.FromPrivateKey(privateKey);
            foreach ((int asset, long amount) in Funding())
            {
                _ = await chain.Gateway.FaucetAsync(asset, depositor.Address, amount);
                _ = await chain.View.DepositAsync(depositor, chain.Info.TokenOf(asset), depositor.Address, amount);
            }
        }, server.Address, root, options, sessions, LoadClients.Flag(options, "timeline") ? new ServerTimeline(server.Host) : null, serverAllocations);
        PrintSnapshots(server.Host);
    }

    RemoveDataFolder(options, root);

    return 0;
}

// Every measurement says whether the machine ran something known to stall the server (HostLatencyCheck).
static void PrintHost()
{
    IReadOnlyList<string> findings = HostLatencyCheck.Findings();
    Console.WriteLine(findings.Count == 0 ? "host: no known latency hazard (no kernel DAMON monitor running)" : string.Join(Environment.NewLine, findings.Select(f => "host: " + f)));
    string variable = DarkPool.Server.ServerGcSettings.YoungGenerationVariable;
    Console.WriteLine($"server runtime: {variable}={Environment.GetEnvironmentVariable(variable) ?? "not set (the collector's default young generation)"}");
}

static void PrintSnapshots(EnclaveHost host)
{
    DarkPool.Enclave.Pipeline.SnapshotPauses pauses = host.SnapshotPauses;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"snapshots: {pauses.Count} in the run ({host.SnapshotSteps.InTwoSteps} in two steps, {host.SnapshotSteps.Deferred} waited for the image), intake paused {pauses.Last.TotalMilliseconds:F1} ms for the last ({pauses.LastBytes / 1e6:F1} MB), {pauses.Longest.TotalMilliseconds:F1} ms at most"));
}

static async Task FundAsync(EnclaveHost host, DarkPool.Protocol.Accounts.AccountAddress account)
{
    foreach ((int asset, long amount) in Funding())
    {
        _ = await host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, account, asset, amount));
    }
}

// What every load account starts with, in assets 1 (base) and 2 (quote) of the default market.
static (int Asset, long Amount)[] Funding() => [(1, 1_000_000_000), (2, 1_000_000_000_000)];

// The data folder decides what an fsync costs: by default a fresh folder under the working directory (a real disk,
// not a tmpfs); --data chooses another (kept afterwards). Record it with the results.
static string DataFolder(Dictionary<string, string> options)
{
    string root = Path.GetFullPath(options.GetValueOrDefault("data", Path.Combine("darkpool-load", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture))));
    Directory.CreateDirectory(root);
    return root;
}

static void RemoveDataFolder(Dictionary<string, string> options, string root)
{
    if (!options.ContainsKey("data"))
    {
        Directory.Delete(root, recursive: true);
    }
}

// Every server this program starts: plaintext HTTP/2 on a free loopback port, up to 1,024 streams per connection.
static void ListenOnLoopback(KestrelServerOptions k)
{
    k.Limits.Http2.MaxStreamsPerConnection = 1024;
    k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2);
}
