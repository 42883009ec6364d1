using System.Numerics;
using DarkPool.Chain.Batches;

namespace DarkPool.Chain;

/// <summary>
/// What a trader or an auditor needs of a settlement chain: everything public that it records, and a
/// deposit by the trader's own key. <see cref="IChainBackend"/> adds what only the operator does
/// (key registration, posting batches, development tokens). A trader's command line reaches the
/// embedded chain through the gateway's development service (clients/DarkPool.ChainClient) and an
/// EVM chain directly; both are this interface.
/// </summary>
public interface IChainView : IAsyncDisposable
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

    /// <summary>The registered enclave key, zero if none.</summary>
    ValueTask<EthAddress> GetEnclaveKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>Every key registration in order: what an auditor checks each batch signature against.</summary>
    ValueTask<IReadOnlyList<KeyRegistration>> GetKeyRegistrationsAsync(CancellationToken cancellationToken = default);

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
}
