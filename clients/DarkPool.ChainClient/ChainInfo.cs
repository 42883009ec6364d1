using System.Numerics;
using DarkPool.Chain;

namespace DarkPool.ChainClient;

/// <summary>What the server says about its settlement chain (darkpool.v1.DevChain/GetChainInfo).</summary>
/// <param name="Backend">"embedded" or "evm"</param>
/// <param name="ChainId">chain id</param>
/// <param name="Contract">settlement contract</param>
/// <param name="Governance">governance address</param>
/// <param name="EnclaveKey">registered enclave key</param>
/// <param name="RpcUrl">EVM: the node's address as the server sees it</param>
/// <param name="DeploymentBlock">EVM: the contract's deployment block</param>
/// <param name="Assets">tokens of the assets</param>
/// <param name="MaxFaucetAmount">largest amount one faucet call mints</param>
/// <param name="Confirmations">confirmations before a deposit is credited</param>
public sealed record ChainInfo(
    string Backend, ulong ChainId, EthAddress Contract, EthAddress Governance, EthAddress EnclaveKey, string RpcUrl,
    ulong DeploymentBlock, IReadOnlyList<ChainAssetInfo> Assets, BigInteger MaxFaucetAmount, ulong Confirmations)
{
    /// <summary>The token of <paramref name="asset"/>; throws <see cref="ArgumentException"/> when the chain has none.</summary>
    public EthAddress TokenOf(int asset) =>
        Assets.FirstOrDefault(a => a.Asset == asset)?.Token ?? throw new ArgumentException($"Asset {asset} has no token on this chain.", nameof(asset));
}
