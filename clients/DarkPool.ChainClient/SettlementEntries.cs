using DarkPool.Chain;
using DarkPool.Chain.Entries;

namespace DarkPool.ChainClient;

/// <summary>A trader's own settlement entries, decrypted from the batches on chain with the account's key.</summary>
public static class SettlementEntries
{
    /// <summary>
    /// Every entry that <paramref name="accountPrivateKey"/> opens in the batches from <paramref name="fromSequence"/>
    /// on, in batch order (docs/SETTLEMENT.md, "Entries"). A malformed batch throws
    /// <see cref="Chain.Batches.BatchFormatException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<SettlementEntry>> ReadMineAsync(
        IChainView chain, ReadOnlyMemory<byte> accountPrivateKey, ulong fromSequence = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        IReadOnlyList<SettledBatch> batches = await chain.GetSettledBatchesAsync(fromSequence, cancellationToken).ConfigureAwait(false);
        var mine = new List<SettlementEntry>();
        foreach (SettledBatch batch in batches)
        {
            mine.AddRange(BatchCiphertext.OpenMine(batch, accountPrivateKey.Span));
        }

        return mine;
    }
}
