using System.Net;
using DarkPool.Gateway;
using DarkPool.Host;
using DarkPool.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// dotnet run -c Release --project gateway/DarkPool.Server [-- --Server:Port=50051 --Server:DataFolder=darkpool-data]
//   settlement: the embedded chain in <data>/chain/ by default; --Chain:Backend=evm --Chain:StartAnvil=true (or
//   --Chain:RpcUrl=http://127.0.0.1:8545) for the Solidity contract on a node (docs/SETTLEMENT.md).
WebApplicationBuilder builder = GatewayExtensions.CreateGatewayBuilder(args);
builder.Configuration.AddEnvironmentVariables("DARKPOOL_");
ServerOptions server;
var chainOptions = new ChainOptions();
try
{
    server = ServerOptions.Load(builder.Configuration);
    server.Validate();
    var gateway = new GatewayOptions();
    builder.Configuration.GetSection("Gateway").Bind(gateway);
    gateway.Validate();
    builder.Configuration.GetSection("Chain").Bind(chainOptions);
    chainOptions.Validate();
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
{
    Console.Error.WriteLine($"darkpool: bad configuration: {e.Message}");
    return 2;
}

using ILoggerFactory startLogs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
EnclaveHostOptions hostOptions = server.ToHostOptions();
if (!EnclaveHost.TryStart(hostOptions, startLogs.CreateLogger("DarkPool.Enclave"), out EnclaveHost? host, out string? error))
{
    Console.Error.WriteLine($"darkpool: the enclave did not start: {error}");
    return 1;
}

ChainStartup chain;
try
{
    chain = await ChainStartup.StartAsync(chainOptions, host, ServerComposition.AssetIds(hostOptions), CancellationToken.None,
        startLogs.CreateLogger("DarkPool.Settlement"));
}
catch (DarkPool.Host.Settlement.SettlementRefusedException e)
{
    host.Dispose();
    Console.Error.WriteLine($"darkpool: the enclave refuses to run: {e.Message}");
    return 1;
}
catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or HttpRequestException
    or DarkPool.Chain.ChainRejectedException or DarkPool.Chain.Embedded.ChainDataCorruptException or Nethereum.JsonRpc.Client.RpcClientUnknownException)
{
    host.Dispose();
    Console.Error.WriteLine($"darkpool: the settlement chain did not start: {e.Message}");
    return 1;
}

using (host)
await using (chain)
{
    builder.WebHost.ConfigureKestrel(kestrel =>
    {
        kestrel.Limits.MaxConcurrentConnections = 10_000;
        kestrel.Limits.Http2.MaxStreamsPerConnection = 256;
        kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
        kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
        kestrel.Listen(IPAddress.Parse(server.ListenAddress), server.Port, listen =>
        {
            listen.Protocols = server.TlsCertificatePath.Length > 0 ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http2;
            if (server.TlsCertificatePath.Length > 0)
            {
                listen.UseHttps(server.TlsCertificatePath, server.TlsCertificatePassword);
            }
        });
    });

    WebApplication app = ServerComposition.BuildGateway(builder, host, chain, o => builder.Configuration.GetSection("Gateway").Bind(o));
    await app.StartAsync();
    string address = app.Urls.FirstOrDefault() ?? $"{server.ListenAddress}:{server.Port}";
    Console.WriteLine($"DarkPool {(host.IsSimulated ? "SIMULATED enclave (no hardware isolation; not for real funds)" : "enclave")}");
    Console.WriteLine($"  measurement (MRENCLAVE): {host.Measurement}");
    Console.WriteLine($"  platform root to pin:    {host.RootCertificatePath}");
    Console.WriteLine($"  listening:               {address} ({(server.TlsCertificatePath.Length > 0 ? "TLS" : "plaintext HTTP/2")})");
    Console.WriteLine($"  data folder:             {host.DataFolder} (journal recovered to record {host.RecoveredSequence})");
    Console.WriteLine($"  settlement chain:        {chain.Context.Backend} {chain.Chain.Domain.Contract} (chain id {chain.Chain.Domain.ChainId}{(chain.Context.RpcUrl.Length > 0 ? ", " + chain.Context.RpcUrl : "")})");
    Console.WriteLine($"  enclave settlement key:  {host.SettlementAddress} (registered by the development governance key {chain.Governance.Address})");
    foreach (string finding in DarkPool.Host.HostLatencyCheck.Findings())
    {
        Console.WriteLine($"  host latency warning:    {finding}");
    }

    if (ServerGcSettings.Warning() is string gcWarning)
    {
        Console.WriteLine($"  runtime warning:         {gcWarning}");
    }

    await app.WaitForShutdownAsync();
}

return 0;
