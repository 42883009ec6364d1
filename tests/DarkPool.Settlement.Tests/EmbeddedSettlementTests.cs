using DarkPool.Chain;

namespace DarkPool.Settlement.Tests;

/// <summary>The settlement suite on the embedded chain (the server's default).</summary>
public sealed class EmbeddedSettlementTests : SettlementEndToEndTests
{
    private protected override Uri? RpcUrl => null;

    private protected override Task<IChainBackend?> CreateChainAsync(ChainKey governance) => Task.FromResult<IChainBackend?>(null);

    private protected override Task FundAsync(EthAddress address) => Task.CompletedTask;
}
