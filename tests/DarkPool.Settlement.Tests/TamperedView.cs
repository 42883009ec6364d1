using System.Numerics;
using DarkPool.Chain;
using DarkPool.Chain.Batches;

namespace DarkPool.Settlement.Tests;

/// <summary>A chain as a lying server would show it: the real view with its batches or deposits rewritten.</summary>
internal sealed class TamperedView(
    IChainView inner,
    Func<IReadOnlyList<SettledBatch>, IReadOnlyList<SettledBatch>>? batches = null,
    Func<IReadOnlyList<DepositRecord>, IReadOnlyList<DepositRecord>>? deposits = null) : IChainView
{
    public SettlementDomain Domain => inner.Domain;

    public EthAddress Governance => inner.Governance;

    public ValueTask<ulong> GetBlockNumberAsync(CancellationToken cancellationToken = default) => inner.GetBlockNumberAsync(cancellationToken);

    public ValueTask<DepositRecord> DepositAsync(ChainKey depositor, EthAddress token, EthAddress account, BigInteger amount, CancellationToken cancellationToken = default) =>
        inner.DepositAsync(depositor, token, account, amount, cancellationToken);

    public async ValueTask<IReadOnlyList<DepositRecord>> GetDepositsAsync(ulong fromIndex, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<DepositRecord> real = await inner.GetDepositsAsync(fromIndex, cancellationToken);
        return deposits is null ? real : deposits(real);
    }

    public ValueTask<Hash32> GetDepositHashAsync(ulong index, CancellationToken cancellationToken = default) => inner.GetDepositHashAsync(index, cancellationToken);

    public ValueTask<EthAddress> GetEnclaveKeyAsync(CancellationToken cancellationToken = default) => inner.GetEnclaveKeyAsync(cancellationToken);

    public ValueTask<IReadOnlyList<KeyRegistration>> GetKeyRegistrationsAsync(CancellationToken cancellationToken = default) => inner.GetKeyRegistrationsAsync(cancellationToken);

    public ValueTask<SettlementHead> GetSettlementHeadAsync(CancellationToken cancellationToken = default) => inner.GetSettlementHeadAsync(cancellationToken);

    public ValueTask<Hash32> GetAnchoredJournalHeadAsync(CancellationToken cancellationToken = default) => inner.GetAnchoredJournalHeadAsync(cancellationToken);

    public async ValueTask<IReadOnlyList<SettledBatch>> GetSettledBatchesAsync(ulong fromSequence, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<SettledBatch> real = await inner.GetSettledBatchesAsync(fromSequence, cancellationToken);
        return batches is null ? real : batches(real);
    }

    public ValueTask<BigInteger> GetTokenBalanceAsync(EthAddress token, EthAddress holder, CancellationToken cancellationToken = default) => inner.GetTokenBalanceAsync(token, holder, cancellationToken);

    public ValueTask<BigInteger> GetCustodyAsync(EthAddress token, CancellationToken cancellationToken = default) => inner.GetCustodyAsync(token, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
