using System.Numerics;
using DarkPool.Chain.Batches;

namespace DarkPool.Chain;

/// <summary>
/// One settlement chain as the host and the auditor see it: the settlement contract's rules and its
/// token accounting. Two implementations enforce the same rules: the embedded chain (in-process,
/// persisted to a folder) and the EVM backend (the Solidity contract on a JSON-RPC node). Calls that
/// the chain refuses throw <see cref="ChainRejectedException"/> and change nothing.
/// </summary>
public interface IChainBackend : IChainView
{
    /// <summary>Registers or rotates the enclave's settlement key; only <see cref="IChainView.Governance"/> may.</summary>
    ValueTask RegisterEnclaveKeyAsync(ChainKey governance, EthAddress enclaveKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Posts a signed batch, sent by <paramref name="sender"/> (who pays, if the chain charges). Returns
    /// <see cref="BatchPostStatus.AlreadySettled"/>, changing nothing, when this exact batch is already
    /// on chain; throws <see cref="ChainRejectedException"/> on any other rule.
    /// </summary>
    ValueTask<BatchPostResult> PostBatchAsync(ChainKey sender, SignedBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Creates a development token that <paramref name="issuer"/> may mint (the TestToken contract).</summary>
    ValueTask<EthAddress> CreateTestTokenAsync(ChainKey issuer, string symbol, CancellationToken cancellationToken = default);

    /// <summary>Mints development tokens; only the token's issuer may.</summary>
    ValueTask MintTestTokenAsync(
        ChainKey issuer, EthAddress token, EthAddress to, BigInteger amount, CancellationToken cancellationToken = default);
}
