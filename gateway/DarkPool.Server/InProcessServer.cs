using System.Net;
using DarkPool.Host;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DarkPool.Server;

/// <summary>
/// The whole server (simulated enclave, settlement chain, gateway) started inside another process on a loopback
/// port, for <c>darkpool demo</c> and for tests that drive a client through a real socket. Same composition as
/// Program.cs with default options and no console logging.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ChainStartup _chain;

    private InProcessServer(EnclaveHost host, ChainStartup chain, WebApplication app)
    {
        Host = host;
        _chain = chain;
        _app = app;
        Address = app.Urls.First();
    }

    /// <summary>The enclave host (operator records, evidence, measurement).</summary>
    public EnclaveHost Host { get; }

    /// <summary>The gRPC address, <c>http://127.0.0.1:port</c>.</summary>
    public string Address { get; }

    /// <summary>Starts on <paramref name="port"/> (0: a free one) with its state in <paramref name="dataFolder"/>.</summary>
    /// <exception cref="InvalidOperationException">The enclave did not start (the message says why).</exception>
    public static async Task<InProcessServer> StartAsync(string dataFolder, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        var hostOptions = new EnclaveHostOptions { DataFolder = dataFolder };
        if (!EnclaveHost.TryStart(hostOptions, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, out EnclaveHost? host, out string? error))
        {
            throw new InvalidOperationException($"The enclave did not start: {error}");
        }

        ChainStartup? chain = null;
        try
        {
            chain = await ChainStartup.StartAsync(new ChainOptions(), host, ServerComposition.AssetIds(hostOptions), cancellationToken)
                .ConfigureAwait(false);
            WebApplicationBuilder builder = DarkPool.Gateway.GatewayExtensions.CreateGatewayBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
            WebApplication app = ServerComposition.BuildGateway(builder, host, chain);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new InProcessServer(host, chain, app);
        }
        catch
        {
            if (chain is not null)
            {
                await chain.DisposeAsync().ConfigureAwait(false);
            }

            host.Dispose();
            throw;
        }
    }

    /// <summary>Stops the gateway, the chain and the enclave (the data folder stays).</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _chain.DisposeAsync().ConfigureAwait(false);
        Host.Dispose();
    }
}
