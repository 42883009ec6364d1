using System.Numerics;
using DarkPool.Chain.Batches;

namespace DarkPool.Chain;

/// <summary>
/// One settlement chain as the host and the auditor see it: the settlement contract's rules and its
/// token accounting. Two implementations enforce the same rules: the embedded chain (in-process,
/// persisted to a folder) and the EVM backend (the Solidity contract on a JSON-RPC node). Calls that
/// the chain refuses throw <see cref="ChainRejectedException"/> and change nothing.
/// </summary>
public interface IChainBackend : IAsyncDisposable
{
    /// <summary>The chain id and contract address that batch signatures are bound to.</summary>
    SettlementDomain Domain { get; }

    /// <summary>The only address allowed to register the enclave key.</summary>
    EthAddress Governance { get; }

    /// <summary>The newest block number.</summary>
    ValueTask<ulong> GetBlockNumberAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deposits <paramref name="amount"/> of <paramref name="token"/> from <paramref name="depositor"/>
    /// (approving the contract first where the chain needs it) credited to <paramref name="account"/>.
    /// </summary>
    ValueTask<DepositRecord> DepositAsync(
        ChainKey depositor, EthAddress token, EthAddress account, BigInteger amount, CancellationToken cancellationToken = default);

    /// <summary>Deposits with index at least <paramref name="fromIndex"/>, in index order, with their confirmations.</summary>
    ValueTask<IReadOnlyList<DepositRecord>> GetDepositsAsync(ulong fromIndex, CancellationToken cancellationToken = default);

    /// <summary>The running hash recorded after deposit <paramref name="index"/> (0: zero).</summary>
    ValueTask<Hash32> GetDepositHashAsync(ulong index, CancellationToken cancellationToken = default);

    /// <summary>Registers or rotates the enclave's settlement key; only <see cref="Governance"/> may.</summary>
    ValueTask RegisterEnclaveKeyAsync(ChainKey governance, EthAddress enclaveKey, CancellationToken cancellationToken = default);

    /// <summary>The registered enclave key, zero if none.</summary>
    ValueTask<EthAddress> GetEnclaveKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>Every key registration in order: what an auditor checks each batch signature against.</summary>
    ValueTask<IReadOnlyList<KeyRegistration>> GetKeyRegistrationsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Posts a signed batch, sent by <paramref name="sender"/> (who pays, if the chain charges). Returns
    /// <see cref="BatchPostStatus.AlreadySettled"/>, changing nothing, when this exact batch is already
    /// on chain; throws <see cref="ChainRejectedException"/> on any other rule.
    /// </summary>
    ValueTask<BatchPostResult> PostBatchAsync(ChainKey sender, SignedBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Sequence, hashes and cursors of the settlement contract.</summary>
    ValueTask<SettlementHead> GetSettlementHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest journal head anchored by a batch (zero before the first): the rollback anchor.</summary>
    ValueTask<Hash32> GetAnchoredJournalHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>Settled batches with sequence at least <paramref name="fromSequence"/>, in order.</summary>
    ValueTask<IReadOnlyList<SettledBatch>> GetSettledBatchesAsync(ulong fromSequence, CancellationToken cancellationToken = default);

    /// <summary>A token balance of any holder (the contract's own included).</summary>
    ValueTask<BigInteger> GetTokenBalanceAsync(EthAddress token, EthAddress holder, CancellationToken cancellationToken = default);

    /// <summary>What the contract holds of <paramref name="token"/> for the pool: deposits minus withdrawals.</summary>
    ValueTask<BigInteger> GetCustodyAsync(EthAddress token, CancellationToken cancellationToken = default);

    /// <summary>Creates a development token that <paramref name="issuer"/> may mint (the TestToken contract).</summary>
    ValueTask<EthAddress> CreateTestTokenAsync(ChainKey issuer, string symbol, CancellationToken cancellationToken = default);

    /// <summary>Mints development tokens; only the token's issuer may.</summary>
    ValueTask MintTestTokenAsync(
        ChainKey issuer, EthAddress token, EthAddress to, BigInteger amount, CancellationToken cancellationToken = default);
}
