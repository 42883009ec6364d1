using System.Numerics;
using DarkPool.Chain;
using DarkPool.Chain.Batches;

namespace DarkPool.ChainClient;

/// <summary>
/// Walks the whole settlement log of a chain and checks what the contract promises, independently of the contract's
/// own checks (docs/SETTLEMENT.md §12): every batch's bytes hash to the recorded hash and decode; sequences run 1, 2,
/// 3 with no gap; each batch names the previous batch's hash; each is signed by the enclave key registered for its
/// sequence; deposit cursors never go back, never pass the deposits, and match the running hash, which is recomputed
/// from the deposits themselves; the event's journal head and ciphertext are the batch's; the settlement head is the
/// last batch; and custody per token is deposits minus withdrawals.
/// </summary>
public static class SettlementAudit
{
    /// <summary>Audits <paramref name="chain"/>; never throws for a break (it is in the report), only for an unreachable chain.</summary>
    public static async Task<SettlementAuditReport> RunAsync(IChainView chain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var breaks = new List<string>();
        IReadOnlyList<KeyRegistration> keys = await chain.GetKeyRegistrationsAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DepositRecord> deposits = await chain.GetDepositsAsync(1, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<SettledBatch> batches = await chain.GetSettledBatchesAsync(1, cancellationToken).ConfigureAwait(false);
        SettlementHead head = await chain.GetSettlementHeadAsync(cancellationToken).ConfigureAwait(false);

        var running = new List<Hash32> { Hash32.Zero };
        var custody = new Dictionary<EthAddress, BigInteger>();
        foreach (DepositRecord deposit in deposits)
        {
            Hash32 expected = DepositRunningHash.Next(running[^1], deposit.Index, deposit.Token, deposit.Account, deposit.Amount);
            if (deposit.Index != (ulong)running.Count || deposit.RunningHash != expected)
            {
                breaks.Add($"deposit {deposit.Index}: the recorded running hash is not the hash chain over the deposits");
            }

            running.Add(expected);
            custody[deposit.Token] = custody.GetValueOrDefault(deposit.Token) + deposit.Amount;
        }

        ulong sequence = 0;
        Hash32 previous = Hash32.Zero, journalHead = Hash32.Zero;
        ulong cursor = 0;
        int withdrawals = 0;
        foreach (SettledBatch settled in batches)
        {
            sequence++;
            string at = $"batch {settled.Sequence}";
            if (settled.Sequence != sequence)
            {
                breaks.Add($"{at}: expected sequence {sequence} (a gap or a repeat)");
                sequence = settled.Sequence;
            }

            SignedBatch signed = settled.Batch;
            if (signed.Hash != settled.BatchHash)
            {
                breaks.Add($"{at}: the posted bytes do not hash to the recorded batch hash");
            }

            SettlementBatch batch;
            try
            {
                batch = signed.Decode();
            }
            catch (BatchFormatException e)
            {
                breaks.Add($"{at}: malformed ({e.Message})");
                previous = settled.BatchHash;
                continue;
            }

            if (batch.Sequence != settled.Sequence)
            {
                breaks.Add($"{at}: carries sequence {batch.Sequence}");
            }

            if (batch.PreviousHash != previous)
            {
                breaks.Add($"{at}: does not name the previous batch's hash");
            }

            EthAddress key = keys.LastOrDefault(k => k.FromSequence <= settled.Sequence)?.Key ?? EthAddress.Zero;
            if (!BatchDescriptor.TryRecoverSigner(signed.Hash, signed.Signature.Span, chain.Domain, out EthAddress signer) || signer != key || key.IsZero)
            {
                breaks.Add($"{at}: not signed by the enclave key registered for it ({(key.IsZero ? "none" : key.ToString())})");
            }

            DepositCursor c = batch.DepositCursor;
            if (c.Index < cursor || c.Index >= (ulong)running.Count || running[(int)c.Index] != c.RunningHash)
            {
                breaks.Add($"{at}: deposit cursor {c.Index} goes back, is past the deposits, or does not match their running hash");
            }

            if (batch.JournalHead != settled.JournalHead || !batch.Ciphertext.Span.SequenceEqual(settled.Ciphertext.Span))
            {
                breaks.Add($"{at}: the settlement event's journal head or ciphertext is not the batch's");
            }

            foreach (Withdrawal w in batch.Withdrawals)
            {
                custody[w.Token] = custody.GetValueOrDefault(w.Token) - w.Amount;
                withdrawals++;
            }

            cursor = Math.Max(cursor, c.Index);
            previous = settled.BatchHash;
            journalHead = batch.JournalHead;
        }

        if (head.NextSequence != sequence + 1 || head.LastBatchHash != previous || head.JournalHead != journalHead || head.SettledDepositIndex != cursor)
        {
            breaks.Add($"the settlement head (next {head.NextSequence}) is not the end of the batches walked ({sequence} batches)");
        }

        var custodyReport = new List<(EthAddress, BigInteger, BigInteger)>();
        foreach ((EthAddress token, BigInteger expected) in custody.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal))
        {
            BigInteger onChain = await chain.GetCustodyAsync(token, cancellationToken).ConfigureAwait(false);
            custodyReport.Add((token, expected, onChain));
            if (onChain != expected)
            {
                breaks.Add($"custody of {token}: {onChain} on chain, {expected} from deposits minus withdrawals");
            }
        }

        return new SettlementAuditReport(batches.Count, (ulong)deposits.Count, cursor, keys, withdrawals, custodyReport, breaks);
    }
}
