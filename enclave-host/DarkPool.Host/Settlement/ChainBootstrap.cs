using DarkPool.Chain;

namespace DarkPool.Host.Settlement;

/// <summary>
/// What a development server does to a chain at start: a development token for every asset its markets use (created
/// once, remembered in the data folder) and the enclave's settlement key registered by governance.
/// </summary>
public static class ChainBootstrap
{
    /// <summary>
    /// The token of every asset in <paramref name="assetIds"/>: from <paramref name="assetFile"/> when the chain still
    /// has it, otherwise a new development token issued by <paramref name="issuer"/>; and every other asset the file already
    /// maps, while the chain has its token (its market may be gone from the configuration, not from the enclave). In asset
    /// order; the map is saved before returning.
    /// </summary>
    public static async Task<IReadOnlyList<SettlementAsset>> EnsureAssetsAsync(
        IChainBackend chain, ChainKey issuer, IEnumerable<int> assetIds, string assetFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(assetIds);
        var known = SettlementAssetFile.Load(assetFile).ToDictionary(a => a.Asset);
        var result = new List<SettlementAsset>();
        bool changed = false;
        foreach (int asset in assetIds.Distinct().Order())
        {
            if (known.TryGetValue(asset, out SettlementAsset? existing) && await ExistsAsync(chain, existing.Token, cancellationToken).ConfigureAwait(false))
            {
                result.Add(existing);
                continue;
            }

            string symbol = $"ASSET{asset}";
            EthAddress token = await chain.CreateTestTokenAsync(issuer, symbol, cancellationToken).ConfigureAwait(false);
            result.Add(new SettlementAsset(asset, symbol, token));
            changed = true;
        }

        // Assets no market configured now uses: the markets stay in the enclave (removing a market from the configuration does
        // not delete it, docs/GATEWAY.md), so deposits and withdrawals in them must keep their tokens. Kept while the chain has them.
        foreach (SettlementAsset kept in known.Values.Where(a => !result.Exists(r => r.Asset == a.Asset)).OrderBy(a => a.Asset))
        {
            if (await ExistsAsync(chain, kept.Token, cancellationToken).ConfigureAwait(false))
            {
                result.Add(kept);
            }
        }

        result.Sort((a, b) => a.Asset.CompareTo(b.Asset));
        if (changed || result.Count != known.Count)
        {
            SettlementAssetFile.Save(assetFile, result);
        }

        return result;
    }

    /// <summary>Registers <paramref name="enclaveKey"/> unless it is already the registered key. Returns true when it registered.</summary>
    public static async Task<bool> EnsureEnclaveKeyAsync(
        IChainBackend chain, ChainKey governance, EthAddress enclaveKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (await chain.GetEnclaveKeyAsync(cancellationToken).ConfigureAwait(false) == enclaveKey)
        {
            return false;
        }

        await chain.RegisterEnclaveKeyAsync(governance, enclaveKey, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> ExistsAsync(IChainBackend chain, EthAddress token, CancellationToken cancellationToken)
    {
        try
        {
            _ = await chain.GetTokenBalanceAsync(token, chain.Governance, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChainRejectedException)
        {
            return false;
        }
    }
}
