using System.Text.Json;
using DarkPool.Chain;
using DarkPool.Chain.Embedded;
using DarkPool.Chain.Evm;
using DarkPool.Gateway.DevChain;
using DarkPool.Host;
using DarkPool.Host.Settlement;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.JsonRpc.Client;

namespace DarkPool.Server;

/// <summary>
/// Opens the settlement chain the configuration asks for, with the development governance key of the data folder,
/// creates the development tokens of the markets' assets on first start and registers the enclave's settlement key.
/// </summary>
internal sealed class ChainStartup : IAsyncDisposable
{
    public const string GovernanceKeyFile = "chain-governance.key";
    private const string EvmFile = "chain-evm.json";
    private AnvilProcess? _anvil;

    private ChainStartup(IChainBackend chain, ChainKey governance, DevChainContext context, AnvilProcess? anvil, SettlementRelay relay)
    {
        Relay = relay;
        Chain = chain;
        Governance = governance;
        Context = context;
        _anvil = anvil;
    }

    public IChainBackend Chain { get; }

    public ChainKey Governance { get; }

    public DevChainContext Context { get; }

    /// <summary>The settlement loop (deposits in, batches out).</summary>
    public SettlementRelay Relay { get; }

    /// <summary>
    /// Opens the chain, prepares it, checks the enclave's state against it (rollback protection: throws
    /// <see cref="SettlementRefusedException"/>) and starts the settlement relay; disposing stops the relay, then the chain.
    /// </summary>
    public static async Task<ChainStartup> StartAsync(
        ChainOptions options, EnclaveHost host, IEnumerable<int> assetIds, CancellationToken cancellationToken, ILogger? logger = null)
    {
        string data = host.DataFolder;
        ChainKey governance = DevelopmentKeyFile.LoadOrCreate(Path.Combine(data, GovernanceKeyFile));
        AnvilProcess? anvil = null;
        IChainBackend chain;
        IChainBackend? chainOpened = null;
        SettlementRelay relay;
        string rpc = "";
        ulong deploymentBlock = 0;
        try
        {
            if (options.IsEvm)
            {
                Uri url;
                if (options.StartAnvil)
                {
                    anvil = await AnvilProcess.StartAsync(options.AnvilPath, Path.Combine(data, "anvil-state.json"), cancellationToken).ConfigureAwait(false);
                    url = anvil.RpcUrl;
                }
                else
                {
                    url = new Uri(options.RpcUrl);
                }

                rpc = url.ToString();
                if (options.StartAnvil || options.FundWithAnvil)
                {
                    await new RpcClient(url).SendRequestAsync(new RpcRequest(1, "anvil_setBalance", governance.Address.ToString(), "0x3635c9adc5dea00000")).ConfigureAwait(false);
                }

                EvmChain evm = await OpenEvmAsync(options, url, governance, Path.Combine(data, EvmFile), cancellationToken).ConfigureAwait(false);
                deploymentBlock = evm.DeploymentBlock;
                chain = evm;
                chainOpened = evm;
            }
            else
            {
                chain = EmbeddedChain.OpenOrCreate(Path.Combine(data, "chain"), governance.Address);
                chainOpened = chain;
            }

            IReadOnlyList<SettlementAsset> assets = await ChainBootstrap.EnsureAssetsAsync(
                chain, governance, assetIds, Path.Combine(data, SettlementAssetFile.FileName), cancellationToken).ConfigureAwait(false);
            _ = await ChainBootstrap.EnsureEnclaveKeyAsync(chain, governance, host.SettlementAddress, cancellationToken).ConfigureAwait(false);
            var context = new DevChainContext(chain, governance, assets, options.IsEvm ? "evm" : "embedded", rpc, deploymentBlock, options.Confirmations);
            relay = await SettlementRelay.StartAsync(host, chain, governance, assets, options.ToRelayOptions(), logger ?? NullLogger.Instance, cancellationToken)
                .ConfigureAwait(false);
            return new ChainStartup(chain, governance, context, anvil, relay);
        }
        catch
        {
            if (chainOpened is not null)
            {
                await chainOpened.DisposeAsync().ConfigureAwait(false);
            }

            anvil?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync().ConfigureAwait(false);
        await Chain.DisposeAsync().ConfigureAwait(false);
        _anvil?.Dispose();
        _anvil = null;
    }

    private sealed record EvmDeployment(string RpcUrl, string Contract, ulong DeploymentBlock);

    private static async Task<EvmChain> OpenEvmAsync(ChainOptions options, Uri url, ChainKey governance, string file, CancellationToken cancellationToken)
    {
        if (options.Contract.Length > 0)
        {
            return await EvmChain.ConnectAsync(url, EthAddress.Parse(options.Contract), options.DeploymentBlock, cancellationToken).ConfigureAwait(false);
        }

        if (File.Exists(file))
        {
            EvmDeployment? known = JsonSerializer.Deserialize<EvmDeployment>(File.ReadAllText(file));
            if (known is not null)
            {
                try
                {
                    return await EvmChain.ConnectAsync(url, EthAddress.Parse(known.Contract), known.DeploymentBlock, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException)
                {
                    // Not on this node (a fresh node): deploy anew below.
                }
            }
        }

        EvmChain chain = await EvmChain.DeployAsync(url, governance, governance.Address, cancellationToken).ConfigureAwait(false);
        File.WriteAllText(file, JsonSerializer.Serialize(new EvmDeployment(url.ToString(), chain.Domain.Contract.ToString(), chain.DeploymentBlock)));
        return chain;
    }
}
