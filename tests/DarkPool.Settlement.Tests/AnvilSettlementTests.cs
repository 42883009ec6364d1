using DarkPool.Chain;
using DarkPool.Chain.Evm;
using DarkPool.Chain.Tests.Tools;

namespace DarkPool.Settlement.Tests;

/// <summary>The settlement suite on anvil: the Solidity contract, deployed fresh for each test.</summary>
[Collection(AnvilNode.Name)]
public sealed class AnvilSettlementTests(AnvilFixture anvil) : SettlementEndToEndTests
{
    private protected override Uri? RpcUrl => anvil.RpcUrl;

    private protected override async Task<IChainBackend?> CreateChainAsync(ChainKey governance)
    {
        await anvil.FundAsync(governance.Address);
        return await EvmChain.DeployAsync(anvil.RpcUrl, governance, governance.Address);
    }

    private protected override Task FundAsync(EthAddress address) => anvil.FundAsync(address);
}
