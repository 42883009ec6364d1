extern alias sdk;
extern alias chainclient;

using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Verification;
using DarkPool.Chain;
using DarkPool.Chain.Embedded;
using DarkPool.Gateway;
using DarkPool.Gateway.DevChain;
using DarkPool.Host;
using DarkPool.Host.Settlement;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DarkPool.Settlement.Tests;

/// <summary>
/// The server as DarkPool.Server composes it (enclave host, chain with development tokens and the enclave key
/// registered, settlement relay, gateway with the development chain service), on ASP.NET's test server. The relay does
/// not poll: tests run its passes themselves (<see cref="Relay"/>), with a batch due whenever anything is pending.
/// </summary>
internal sealed class SettlementServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private SettlementServer(EnclaveHost host, IChainBackend chain, ChainKey governance, SettlementRelay relay, WebApplication app)
    {
        Host = host;
        Chain = chain;
        Governance = governance;
        Relay = relay;
        _app = app;
        Address = app.Urls.FirstOrDefault() ?? "";
        Channel = Address.StartsWith("http://127.0.0.1", StringComparison.Ordinal)
            ? GrpcChannel.ForAddress(Address)
            : GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });
    }

    public EnclaveHost Host { get; }

    /// <summary>The loopback address when started with a socket.</summary>
    public string Address { get; }

    public IChainBackend Chain { get; }

    public ChainKey Governance { get; }

    public SettlementRelay Relay { get; }

    public GrpcChannel Channel { get; }

    public VerificationPolicy Policy => VerificationPolicy.Simulation(
        X509CertificateLoader.LoadCertificateFromFile(Host.RootCertificatePath),
        [Sha256Hash.TryParse(Host.Measurement, out Sha256Hash m) ? m : throw new InvalidOperationException("measurement")], null);

    /// <summary>
    /// Starts on <paramref name="root"/>: the enclave's data in root/data, the governance key in root/governance.key, and
    /// the embedded chain in root/chain unless <paramref name="chain"/> gives another backend (not disposed here).
    /// </summary>
    public static async Task<SettlementServer> StartAsync(
        string root, IChainBackend? chain = null, SettlementRelayOptions? relayOptions = null, string rpcUrl = "", bool socket = false)
    {
        ChainKey governance = DevelopmentKeyFile.LoadOrCreate(Path.Combine(root, "governance.key"));
        Assert.True(EnclaveHost.TryStart(new EnclaveHostOptions { DataFolder = Path.Combine(root, "data") }, NullLogger.Instance, out EnclaveHost? host, out string? error), error);
        bool ownsChain = chain is null;
        chain ??= EmbeddedChain.OpenOrCreate(Path.Combine(root, "chain"), governance.Address);
        try
        {
            IReadOnlyList<SettlementAsset> assets = await ChainBootstrap.EnsureAssetsAsync(chain, governance, [1, 2], Path.Combine(root, "assets.json"));
            _ = await ChainBootstrap.EnsureEnclaveKeyAsync(chain, governance, host.SettlementAddress);
            SettlementRelay relay = await SettlementRelay.StartAsync(host, chain, governance, assets,
                relayOptions ?? new SettlementRelayOptions { PollInterval = TimeSpan.Zero, BatchInterval = TimeSpan.Zero }, NullLogger.Instance);
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
            builder.Services.AddSingleton(new DevChainContext(chain, governance, assets, chain is EmbeddedChain ? "embedded" : "evm", rpcUrl,
                chain is Chain.Evm.EvmChain evm ? evm.DeploymentBlock : 0, 1));
            builder.Services.AddDarkPoolGateway();
            WebApplication app = builder.Build();
            app.MapDarkPoolGateway();
            await app.StartAsync();
            return new SettlementServer(host, ownsChain ? chain : new NotOwned(chain), governance, relay, app);
        }
        catch
        {
            host.Dispose();
            if (ownsChain)
            {
                await chain.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Stops everything, as a crash would after the last durable record (the data folder stays).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Channel.Dispose();
        await Relay.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Host.Dispose();
        await Chain.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>A chain the test owns (the EVM backend outlives a server restart).</summary>
    private sealed class NotOwned(IChainBackend inner) : IChainBackend
    {
        public Chain.Batches.SettlementDomain Domain => inner.Domain;

        public EthAddress Governance => inner.Governance;

        public ValueTask<ulong> GetBlockNumberAsync(CancellationToken cancellationToken = default) => inner.GetBlockNumberAsync(cancellationToken);

        public ValueTask<DepositRecord> DepositAsync(ChainKey depositor, EthAddress token, EthAddress account, System.Numerics.BigInteger amount, CancellationToken cancellationToken = default) =>
            inner.DepositAsync(depositor, token, account, amount, cancellationToken);

        public ValueTask<IReadOnlyList<DepositRecord>> GetDepositsAsync(ulong fromIndex, CancellationToken cancellationToken = default) => inner.GetDepositsAsync(fromIndex, cancellationToken);

        public ValueTask<Hash32> GetDepositHashAsync(ulong index, CancellationToken cancellationToken = default) => inner.GetDepositHashAsync(index, cancellationToken);

        public ValueTask<EthAddress> GetEnclaveKeyAsync(CancellationToken cancellationToken = default) => inner.GetEnclaveKeyAsync(cancellationToken);

        public ValueTask<IReadOnlyList<KeyRegistration>> GetKeyRegistrationsAsync(CancellationToken cancellationToken = default) => inner.GetKeyRegistrationsAsync(cancellationToken);

        public ValueTask<SettlementHead> GetSettlementHeadAsync(CancellationToken cancellationToken = default) => inner.GetSettlementHeadAsync(cancellationToken);

        public ValueTask<Hash32> GetAnchoredJournalHeadAsync(CancellationToken cancellationToken = default) => inner.GetAnchoredJournalHeadAsync(cancellationToken);

        public ValueTask<IReadOnlyList<SettledBatch>> GetSettledBatchesAsync(ulong fromSequence, CancellationToken cancellationToken = default) => inner.GetSettledBatchesAsync(fromSequence, cancellationToken);

        public ValueTask<System.Numerics.BigInteger> GetTokenBalanceAsync(EthAddress token, EthAddress holder, CancellationToken cancellationToken = default) => inner.GetTokenBalanceAsync(token, holder, cancellationToken);

        public ValueTask<System.Numerics.BigInteger> GetCustodyAsync(EthAddress token, CancellationToken cancellationToken = default) => inner.GetCustodyAsync(token, cancellationToken);

        public ValueTask RegisterEnclaveKeyAsync(ChainKey governance, EthAddress enclaveKey, CancellationToken cancellationToken = default) => inner.RegisterEnclaveKeyAsync(governance, enclaveKey, cancellationToken);

        public ValueTask<BatchPostResult> PostBatchAsync(ChainKey sender, Chain.Batches.SignedBatch batch, CancellationToken cancellationToken = default) => inner.PostBatchAsync(sender, batch, cancellationToken);

        public ValueTask<EthAddress> CreateTestTokenAsync(ChainKey issuer, string symbol, CancellationToken cancellationToken = default) => inner.CreateTestTokenAsync(issuer, symbol, cancellationToken);

        public ValueTask MintTestTokenAsync(ChainKey issuer, EthAddress token, EthAddress to, System.Numerics.BigInteger amount, CancellationToken cancellationToken = default) =>
            inner.MintTestTokenAsync(issuer, token, to, amount, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
