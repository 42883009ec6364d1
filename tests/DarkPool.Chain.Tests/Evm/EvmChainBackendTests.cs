using DarkPool.Chain.Evm;
using DarkPool.Chain.Tests.Tools;

namespace DarkPool.Chain.Tests.Evm;

/// <summary>The backend suite against the Solidity contract on a real anvil node; a new contract per test.</summary>
[Collection(AnvilCollection.Name)]
public sealed class EvmChainBackendTests(AnvilFixture anvil) : ChainBackendTests
{
    protected override async Task<IChainBackend> CreateChainAsync(EthAddress governance) =>
        await EvmChain.DeployAsync(anvil.RpcUrl, Host, governance);

    protected override Task FundAsync(ChainKey key) => anvil.FundAsync(key.Address);
}
