extern alias sdk;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Verification;
using DarkPool.Chain;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Evm;
using DarkPool.Enclave.Settlement;
using DarkPool.Gateway;
using DarkPool.Host;
using DarkPool.Host.Settlement;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.JsonRpc.Client;
using sdk::DarkPool.Client;

// Settlement throughput on anvil: dotnet run -c Release --project perf/DarkPool.SettlementPerf -- [--pairs 200] [--trades 1,10,50,100,200] [--repeat 3] [--burst 20]
// A trade is two fills (one per side; the batch policy's N counts fills). For each F: F crossing trades (2F fills, 2F accounts in the batch), then the batch cut, signed (entries encrypted), posted
// and confirmed; gas from the settling block. Then a burst of one-fill batches posted back to back: batches per second.
int pairs = Arg("--pairs", 200);
int repeat = Arg("--repeat", 3);
int burst = Arg("--burst", 20);
int[] fillCounts = [.. (Value("--trades") ?? "1,10,50,100,200").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
if (fillCounts.Max() > pairs)
{
    Console.Error.WriteLine("--trades cannot exceed --pairs (each pair trades once per batch).");
    return 2;
}

string anvilPath = Value("--anvil") ?? FindAnvil() ?? throw new InvalidOperationException("anvil not found: npm ci in enclave-host/DarkPool.Chain/contracts");
string root = Directory.CreateTempSubdirectory("dp-settle-perf-").FullName;
int port = FreePort();
using Process anvil = Process.Start(new ProcessStartInfo(anvilPath, $"--host 127.0.0.1 --port {port} --accounts 0 --quiet")
{
    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
})!;
try
{
    var rpc = new Uri($"http://127.0.0.1:{port}");
    var client = new RpcClient(rpc);
    await WaitForAsync(client);
    ChainKey governance = ChainKey.Generate();
    await FundAsync(client, governance.Address);
    await using EvmChain chain = await EvmChain.DeployAsync(rpc, governance, governance.Address);
    if (!EnclaveHost.TryStart(new EnclaveHostOptions { DataFolder = Path.Combine(root, "data") }, NullLogger.Instance, out EnclaveHost? host, out string? error))
    {
        throw new InvalidOperationException(error);
    }

    using (host)
    {
        IReadOnlyList<SettlementAsset> assets = await ChainBootstrap.EnsureAssetsAsync(chain, governance, [1, 2], Path.Combine(root, "assets.json"));
        _ = await ChainBootstrap.EnsureEnclaveKeyAsync(chain, governance, host.SettlementAddress);
        await using SettlementRelay relay = await SettlementRelay.StartAsync(host, chain, governance, assets,
            new SettlementRelayOptions { PollInterval = TimeSpan.Zero, BatchInterval = TimeSpan.Zero, BatchMaxFills = int.MaxValue }, NullLogger.Instance);
        WebApplicationBuilder builder = DarkPool.Gateway.GatewayExtensions.CreateGatewayBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(host);
        builder.Services.AddDarkPoolGateway(o =>
        {
            o.EvidencePerSecondPerConnection = 1_000_000;
            o.CallsPerSecondPerConnection = 1_000_000;
        });
        await using WebApplication app = builder.Build();
        app.MapDarkPoolGateway();
        await app.StartAsync();
        using GrpcChannel channel = GrpcChannel.ForAddress(app.Urls.First());
        var policy = VerificationPolicy.Simulation(X509CertificateLoader.LoadCertificateFromFile(host.RootCertificatePath),
            [Sha256Hash.TryParse(host.Measurement, out Sha256Hash m) ? m : default], null);

        Console.WriteLine($"setting up {pairs} pairs (accounts, gas, deposits on anvil)...");
        var sellers = new List<(ChainKey Key, DarkPoolClient Client)>();
        var buyers = new List<(ChainKey Key, DarkPoolClient Client)>();
        foreach (List<(ChainKey, DarkPoolClient)> side in new[] { sellers, buyers })
        {
            for (int i = 0; i < pairs; i++)
            {
                ChainKey key = ChainKey.Generate();
                using var account = Secp256k1AccountKey.FromPrivateKey(key.ExportPrivateKey());
                side.Add((key, await DarkPoolClient.ConnectAsync(channel, account, policy)));
                int asset = ReferenceEquals(side, sellers) ? 1 : 2;
                EthAddress token = assets.Single(a => a.Asset == asset).Token;
                await FundAsync(client, key.Address);
                await chain.MintTestTokenAsync(governance, token, key.Address, 1_000_000_000);
                _ = await chain.DepositAsync(key, token, key.Address, 1_000_000_000);
            }
        }

        _ = await relay.RunOnceAsync();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; shared with other work");
        Console.WriteLine("trades  fills  accounts  batch bytes  sign ms  post ms  gas/batch  gas/trade  gas/fill");
        long orderId = 0;
        foreach (int fills in fillCounts)
        {
            for (int r = 0; r < repeat; r++)
            {
                for (int i = 0; i < fills; i++)
                {
                    orderId++;
                    _ = await sellers[i].Client.PlaceAsync(Limit(orderId, OrderSide.Sell));
                    _ = await buyers[i].Client.PlaceAsync(Limit(orderId, OrderSide.Buy));
                }

                (long gas, int bytes, double signMs, double postMs, int inBatch) = await SettleOneAsync(host, chain, governance, client);
                Console.WriteLine($"{fills,6}  {inBatch,5}  {2 * fills,8}  {bytes,11}  {signMs,7:F1}  {postMs,7:F1}  {gas,9}  {gas / fills,9}  {gas / Math.Max(inBatch, 1),8}");
            }
        }

        var clock = Stopwatch.StartNew();
        double signTotal = 0;
        for (int b = 0; b < burst; b++)
        {
            orderId++;
            _ = await sellers[0].Client.PlaceAsync(Limit(orderId, OrderSide.Sell));
            _ = await buyers[0].Client.PlaceAsync(Limit(orderId, OrderSide.Buy));
            signTotal += (await SettleOneAsync(host, chain, governance, client)).SignMs;
        }

        Console.WriteLine($"burst: {burst} one-fill batches (trade, cut, sign, post, confirm each) in {clock.Elapsed.TotalSeconds:F2} s: "
            + $"{burst / clock.Elapsed.TotalSeconds:F1} batches/s end to end, signing {signTotal / burst:F1} ms a batch");
        foreach ((ChainKey _, DarkPoolClient c) in sellers.Concat(buyers))
        {
            await c.DisposeAsync();
        }
    }
}
finally
{
    anvil.Kill(entireProcessTree: true);
    Directory.Delete(root, recursive: true);
}

return 0;

static async Task<(long Gas, int Bytes, double SignMs, double PostMs, int Fills)> SettleOneAsync(EnclaveHost host, EvmChain chain, ChainKey sender, RpcClient client)
{
    _ = await host.SubmitOperatorAsync(SettlementRecords.Cut(0));
    ulong sequence = host.Settlement.Unconfirmed.Single();
    int fills = host.Settlement.FillsIn(sequence);
    var clock = Stopwatch.StartNew();
    SignedBatch batch = await host.Settlement.SignAsync(sequence, chain.Domain);
    double signMs = clock.Elapsed.TotalMilliseconds;
    ulong before = await chain.GetBlockNumberAsync();
    clock.Restart();
    _ = await chain.PostBatchAsync(sender, batch);
    double postMs = clock.Elapsed.TotalMilliseconds;
    ulong after = await chain.GetBlockNumberAsync();
    long gas = 0;
    for (ulong block = before + 1; block <= after; block++)
    {
        var header = await client.SendRequestAsync<Newtonsoft.Json.Linq.JObject>(new RpcRequest(1, "eth_getBlockByNumber", "0x" + block.ToString("x", CultureInfo.InvariantCulture), false));
        gas += Convert.ToInt64((string)header["gasUsed"]!, 16);
    }

    await host.Settlement.ConfirmAsync(sequence);
    return (gas, batch.Encoded.Length, signMs, postMs, fills);
}

static PlaceOrder Limit(long id, OrderSide side) => new() { Market = 1, ClientOrderId = id, Side = side, Type = OrderKind.Limit, Price = 1_000, Quantity = 1 };

static async Task FundAsync(RpcClient client, EthAddress address) =>
    await client.SendRequestAsync(new RpcRequest(1, "anvil_setBalance", address.ToString(), "0x3635c9adc5dea00000"));

static async Task WaitForAsync(RpcClient client)
{
    for (int i = 0; i < 600; i++)
    {
        try
        {
            _ = await client.SendRequestAsync<string>(new RpcRequest(1, "eth_chainId"));
            return;
        }
        catch (Exception e) when (e is RpcClientUnknownException or HttpRequestException or RpcClientTimeoutException)
        {
            await Task.Delay(100);
        }
    }

    throw new InvalidOperationException("anvil did not answer");
}

static string? FindAnvil()
{
    for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
    {
        string candidate = Path.Combine(d.FullName, "enclave-host", "DarkPool.Chain", "contracts", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    return null;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

int Arg(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? Value(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
