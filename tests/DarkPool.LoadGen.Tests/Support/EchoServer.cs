using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DarkPool.LoadGen.Tests.Support;

/// <summary>
/// Kestrel on a loopback port, plaintext HTTP/2 only (as the generator's echo server runs), serving one gRPC service of
/// the Echo contract: the generator's own <see cref="EchoLoad.Service"/> or a test's variant of it.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoServer(WebApplication app)
    {
        _app = app;
        Address = new Uri(app.Urls.Single());
    }

    public Uri Address { get; }

    /// <summary>
    /// Starts the server with <typeparamref name="TService"/> mapped (<paramref name="instance"/>, when given, is the one
    /// that answers every call); <paramref name="maxStreams"/> is Kestrel's concurrent-stream limit per connection.
    /// </summary>
    public static async Task<EchoServer> StartAsync<TService>(TService? instance = null, int maxStreams = 100)
        where TService : class
    {
        WebApplicationBuilder builder = DarkPool.Gateway.GatewayExtensions.CreateGatewayBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        if (instance is not null)
        {
            builder.Services.AddSingleton(instance);
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.Http2.MaxStreamsPerConnection = maxStreams;
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2);
        });
        WebApplication app = builder.Build();
        app.MapGrpcService<TService>();
        await app.StartAsync();
        return new EchoServer(app);
    }

    /// <summary>Stops the server; calls still running when <paramref name="token"/> fires have their connections aborted.</summary>
    public Task StopAsync(CancellationToken token) => _app.StopAsync(token);

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
    }
}
