using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Verification;
using DarkPool.Host;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DarkPool.Gateway.Tests;

/// <summary>The real server in-process: enclave host on a temporary data folder, the gateway on ASP.NET's test server.</summary>
internal sealed class ServerFixture : IAsyncDisposable
{
    private readonly string? _root;
    private bool _stopped;
    private readonly WebApplication _app;

    private ServerFixture(string? root, EnclaveHost host, WebApplication app, bool socket)
    {
        _root = root;
        Host = host;
        _app = app;
        Channel = socket
            ? GrpcChannel.ForAddress(app.Urls.Single())
            : GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });
    }

    public EnclaveHost Host { get; }

    /// <summary>The server's address (for a real-socket fixture).</summary>
    public string Address => _app.Urls.First();

    public GrpcChannel Channel { get; }

    /// <summary>The server's services (the gateway's singletons, for tests that observe them).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>What a trader who trusts this simulated deployment pins: its test root and its measurement.</summary>
    public VerificationPolicy Policy => VerificationPolicy.Simulation(X509CertificateLoader.LoadCertificateFromFile(Host.RootCertificatePath), [Measurement], null);

    public Sha256Hash Measurement => Sha256Hash.TryParse(Host.Measurement, out Sha256Hash m) ? m : throw new InvalidOperationException("measurement");

    /// <summary>Every protobuf message the gateway received or sent, serialized, when started with recording on.</summary>
    public RecordingInterceptor Recorder { get; private set; } = new();

    public string DataFolder => Host.DataFolder;

    /// <summary>
    /// Starts the server; <paramref name="socket"/> serves on a real loopback socket (plaintext HTTP/2, a free port) instead
    /// of the test server; <paramref name="markets"/> replaces the default market 1.
    /// </summary>
    public static async Task<ServerFixture> StartAsync(Action<GatewayOptions>? configure = null, bool record = false, bool socket = false, string? dataFolder = null,
        IReadOnlyList<MarketOptions>? markets = null)
    {
        string root = dataFolder ?? Directory.CreateTempSubdirectory("dp-gateway-").FullName;
        var options = new EnclaveHostOptions { DataFolder = Path.Combine(root, "data"), Markets = markets ?? [MarketOptions.Default] };
        Assert.True(EnclaveHost.TryStart(options, NullLogger.Instance, out EnclaveHost? host, out string? error), error);
        WebApplicationBuilder builder = DarkPool.Gateway.GatewayExtensions.CreateGatewayBuilder();
        if (socket)
        {
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(host);
        var recorder = new RecordingInterceptor();
        builder.Services.AddDarkPoolGateway(configure);
        if (record)
        {
            builder.Services.AddSingleton(recorder);
            builder.Services.Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(o => o.Interceptors.Add<RecordingInterceptor>());
        }

        WebApplication app = builder.Build();
        app.MapDarkPoolGateway();
        await app.StartAsync();
        return new ServerFixture(dataFolder is null ? root : null, host, app, socket) { Recorder = recorder };
    }

    /// <summary>Stops the server and its enclave (the data folder stays).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_root is not null)
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
