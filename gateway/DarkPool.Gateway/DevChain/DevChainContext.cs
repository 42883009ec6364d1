using System.Numerics;
using DarkPool.Chain;
using DarkPool.Host.Settlement;

namespace DarkPool.Gateway.DevChain;

/// <summary>
/// The chain the server runs, for the development chain service (darkpool.v1.DevChain). Registered as a singleton by
/// the server when it starts a chain; without one the service answers Unavailable.
/// </summary>
public sealed class DevChainContext
{
    /// <summary>Describes the running chain.</summary>
    /// <param name="chain">the backend</param>
    /// <param name="issuer">the key that issued the development tokens (mints for the faucet)</param>
    /// <param name="assets">the token of every asset</param>
    /// <param name="backend">"embedded" or "evm"</param>
    /// <param name="rpcUrl">EVM only: the node's address</param>
    /// <param name="deploymentBlock">EVM only: the contract's deployment block</param>
    /// <param name="confirmations">confirmations before a deposit is credited</param>
    public DevChainContext(
        IChainBackend chain, ChainKey issuer, IReadOnlyList<SettlementAsset> assets, string backend, string rpcUrl, ulong deploymentBlock, ulong confirmations)
    {
        Chain = chain;
        Issuer = issuer;
        Assets = assets;
        Backend = backend;
        RpcUrl = rpcUrl;
        DeploymentBlock = deploymentBlock;
        Confirmations = confirmations;
    }

    /// <summary>The backend.</summary>
    public IChainBackend Chain { get; }

    /// <summary>The development token issuer.</summary>
    public ChainKey Issuer { get; }

    /// <summary>The token of every asset.</summary>
    public IReadOnlyList<SettlementAsset> Assets { get; }

    /// <summary>"embedded" or "evm".</summary>
    public string Backend { get; }

    /// <summary>EVM only: the node's JSON-RPC address.</summary>
    public string RpcUrl { get; }

    /// <summary>EVM only: the deployment block.</summary>
    public ulong DeploymentBlock { get; }

    /// <summary>Confirmations before a deposit is credited.</summary>
    public ulong Confirmations { get; }

    /// <summary>The most one faucet call mints: 10^30 base units (plenty for tests, bounded so a typo is caught).</summary>
    public BigInteger MaxFaucetAmount { get; init; } = BigInteger.Pow(10, 30);
}
