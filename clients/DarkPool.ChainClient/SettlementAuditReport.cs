using System.Numerics;
using DarkPool.Chain;

namespace DarkPool.ChainClient;

/// <summary>What <see cref="SettlementAudit"/> found: a summary, and every break (empty when the log is sound).</summary>
/// <param name="Batches">settled batches walked</param>
/// <param name="Deposits">deposits on chain</param>
/// <param name="SettledDepositIndex">the newest batch's deposit cursor</param>
/// <param name="KeyRegistrations">enclave keys registered, in order</param>
/// <param name="Withdrawals">withdrawals paid by the batches</param>
/// <param name="Custody">per token: deposits minus withdrawals as the batches and deposits say, and what the chain holds</param>
/// <param name="Breaks">one sentence per break, naming the batch</param>
public sealed record SettlementAuditReport(
    int Batches,
    ulong Deposits,
    ulong SettledDepositIndex,
    IReadOnlyList<KeyRegistration> KeyRegistrations,
    int Withdrawals,
    IReadOnlyList<(EthAddress Token, BigInteger Expected, BigInteger OnChain)> Custody,
    IReadOnlyList<string> Breaks)
{
    /// <summary>True when nothing broke.</summary>
    public bool IsSound => Breaks.Count == 0;
}
