using DarkPool.Gateway;
using DarkPool.Host;

namespace DarkPool.Server;

/// <summary>
/// What Program.cs and <see cref="InProcessServer"/> compose alike: the markets' assets the chain starts with, and the
/// gateway over a started enclave and chain. Each keeps its own Kestrel listener, logging and error handling.
/// </summary>
internal static class ServerComposition
{
    /// <summary>The assets of the configured markets, whose development tokens the chain creates.</summary>
    public static IEnumerable<int> AssetIds(EnclaveHostOptions hostOptions) => hostOptions.Markets.SelectMany(m => new[] { m.BaseAsset, m.QuoteAsset });

    /// <summary>Registers the gateway over <paramref name="host"/> and <paramref name="chain"/>, builds the app and maps the gateway.</summary>
    public static WebApplication BuildGateway(WebApplicationBuilder builder, EnclaveHost host, ChainStartup chain, Action<GatewayOptions>? configure = null)
    {
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton(chain.Context);
        builder.Services.AddDarkPoolGateway(configure);
        WebApplication app = builder.Build();
        app.MapDarkPoolGateway();
        return app;
    }
}
