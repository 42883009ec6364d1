using DarkPool.Chain.Embedded;

namespace DarkPool.Chain.Tests.Embedded;

/// <summary>The backend suite against the embedded chain, each test in its own data folder.</summary>
public sealed class EmbeddedChainBackendTests : ChainBackendTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "darkpool-chain-" + Guid.NewGuid().ToString("N"));

    protected override Task<IChainBackend> CreateChainAsync(EthAddress governance) =>
        Task.FromResult<IChainBackend>(EmbeddedChain.OpenOrCreate(_folder, governance));

    protected override Task FundAsync(ChainKey key) => Task.CompletedTask;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
