using DarkPool.Chain;
using DarkPool.Chain.Embedded;
using DarkPool.Host.Settlement;

namespace DarkPool.Settlement.Tests;

/// <summary>The development server's asset tokens: created once, remembered, and never forgotten when a market leaves the configuration.</summary>
public sealed class ChainBootstrapTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-bootstrap-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task EnsureAssets_AssetNoLongerConfigured_KeepsItsToken_AndTheFileStillMapsIt()
    {
        var governance = ChainKey.Generate();
        string file = Path.Combine(_root, SettlementAssetFile.FileName);
        await using EmbeddedChain chain = EmbeddedChain.OpenOrCreate(Path.Combine(_root, "chain"), governance.Address);

        IReadOnlyList<SettlementAsset> first = await ChainBootstrap.EnsureAssetsAsync(chain, governance, [1, 2, 3], file);
        Assert.Equal([1, 2, 3], first.Select(a => a.Asset));
        Assert.Equal(3, first.Select(a => a.Token).Distinct().Count());

        // The market trading asset 3 is removed from the configuration; asset 4 comes with a new market.
        IReadOnlyList<SettlementAsset> second = await ChainBootstrap.EnsureAssetsAsync(chain, governance, [2, 1, 4], file);

        Assert.Equal([1, 2, 3, 4], second.Select(a => a.Asset));
        Assert.Equal(first.Select(a => a.Token), second.Take(3).Select(a => a.Token));
        Assert.DoesNotContain(second[3].Token, first.Select(a => a.Token));
        Assert.Equal(second.Select(a => (a.Asset, a.Token)), SettlementAssetFile.Load(file).Select(a => (a.Asset, a.Token)));
    }

    [Fact]
    public async Task EnsureAssets_UnconfiguredAssetWhoseTokenTheChainLacks_IsDropped()
    {
        var governance = ChainKey.Generate();
        string file = Path.Combine(_root, SettlementAssetFile.FileName);
        await using (EmbeddedChain old = EmbeddedChain.OpenOrCreate(Path.Combine(_root, "old-chain"), governance.Address))
        {
            _ = await ChainBootstrap.EnsureAssetsAsync(old, governance, [1, 2], file);
        }

        // A fresh chain has none of the remembered tokens: configured assets get new ones, the unconfigured one is dropped.
        await using EmbeddedChain chain = EmbeddedChain.OpenOrCreate(Path.Combine(_root, "chain"), governance.Address);
        IReadOnlyList<SettlementAsset> assets = await ChainBootstrap.EnsureAssetsAsync(chain, governance, [1], file);

        Assert.Equal([1], assets.Select(a => a.Asset));
        Assert.Equal([1], SettlementAssetFile.Load(file).Select(a => a.Asset));
    }
}
