using System.Numerics;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Evm;
using DarkPool.Chain.Evm.Internal;
using DarkPool.Chain.Internal;
using DarkPool.Chain.Tests.Tools;
using Nethereum.RPC.Eth.DTOs;
using Withdrawal = DarkPool.Chain.Batches.Withdrawal;
using Nethereum.Web3;

namespace DarkPool.Chain.Tests.Evm;

/// <summary>What only a real EVM shows: the contract's own digest view, tokens without a bool, reconnecting.</summary>
[Collection(AnvilCollection.Name)]
public sealed class EvmChainTests(AnvilFixture anvil)
{
    private readonly ChainKey _governance = ChainKey.Generate();
    private readonly ChainKey _host = ChainKey.Generate();
    private readonly ChainKey _enclave = ChainKey.Generate();
    private readonly ChainKey _trader = ChainKey.Generate();

    private async Task<EvmChain> DeployAsync()
    {
        foreach (ChainKey key in new[] { _governance, _host, _enclave, _trader })
        {
            await anvil.FundAsync(key.Address);
        }

        return await EvmChain.DeployAsync(anvil.RpcUrl, _host, _governance.Address);
    }

    private async Task<byte[]> ViewAsync(EthAddress contract, byte[] data)
    {
        string result = await new Web3(anvil.RpcUrl.ToString()).Eth.Transactions.Call
            .SendRequestAsync(new CallInput(Hex.Encode(data), contract.ToString()), BlockParameter.CreateLatest());
        return Hex.Decode(result);
    }

    [Fact]
    public async Task SigningDigest_AnyBatchHash_EqualsTheContractsView()
    {
        EvmChain chain = await DeployAsync();
        Hash32 batchHash = Hash32.FromBytes(Enumerable.Range(0, 32).Select(i => (byte)(i * 3)).ToArray());
        byte[] digestCall = [.. Abi.Selector("settlementDigest(bytes32)"), .. batchHash.ToArray()];

        byte[] separator = await ViewAsync(chain.Domain.Contract, Abi.Call("domainSeparator()"));
        byte[] digest = await ViewAsync(chain.Domain.Contract, digestCall);

        Assert.Equal(31337UL, chain.Domain.ChainId);
        Assert.Equal(BatchDescriptor.DomainSeparator(chain.Domain), Hash32.FromBytes(separator));
        Assert.Equal(BatchDescriptor.SigningDigest(batchHash, chain.Domain), Hash32.FromBytes(digest));
    }

    [Fact]
    public async Task Settle_ReplayedBatchCalledDirectly_ContractRevertsWithBatchAlreadySettled()
    {
        EvmChain chain = await DeployAsync();
        await chain.RegisterEnclaveKeyAsync(_governance, _enclave.Address);
        SignedBatch signed = BatchDescriptor.Sign(
            new SettlementBatch(1, Hash32.Zero, Hash32.Zero, default, [], new byte[] { 5 }), chain.Domain, _enclave);
        await chain.PostBatchAsync(_host, signed);
        byte[] call = [.. Abi.Selector("settle(bytes,bytes)"), .. Abi.Dynamic([signed.Encoded.ToArray(), signed.Signature.ToArray()], [])];

        Nethereum.JsonRpc.Client.RpcResponseException ex = await Assert.ThrowsAsync<Nethereum.JsonRpc.Client.RpcResponseException>(
            () => ViewAsync(chain.Domain.Contract, call));

        Assert.Equal(ChainError.BatchAlreadySettled, RevertDecoder.Decode(Hex.Decode(ex.RpcError.Data.ToString()!.Trim('"'))));
    }

    [Fact]
    public async Task PostBatch_TokenReturningNoBool_DepositedAndWithdrawn()
    {
        EvmChain chain = await DeployAsync();
        EthAddress token = await chain.CreateTestTokenAsync(_host, "OLD", returnsBool: false);
        await chain.MintTestTokenAsync(_host, token, _trader.Address, 1000);
        await chain.DepositAsync(_trader, token, _trader.Address, 600);
        await chain.RegisterEnclaveKeyAsync(_governance, _enclave.Address);
        var batch = new SettlementBatch(
            1, Hash32.Zero, Hash32.Zero, new DepositCursor(1, await chain.GetDepositHashAsync(1)), [new Withdrawal(token, _trader.Address, 250)], Array.Empty<byte>());

        BatchPostResult result = await chain.PostBatchAsync(_host, BatchDescriptor.Sign(batch, chain.Domain, _enclave));

        Assert.Equal(BatchPostStatus.Settled, result.Status);
        Assert.Equal(new BigInteger(650), await chain.GetTokenBalanceAsync(token, _trader.Address));
        Assert.Equal(new BigInteger(350), await chain.GetCustodyAsync(token));
    }

    [Fact]
    public async Task ConnectAsync_DeployedContract_ReadsTheSameState()
    {
        EvmChain deployed = await DeployAsync();
        await deployed.RegisterEnclaveKeyAsync(_governance, _enclave.Address);

        EvmChain connected = await EvmChain.ConnectAsync(anvil.RpcUrl, deployed.Domain.Contract, deployed.DeploymentBlock);

        Assert.Equal((deployed.Domain, _governance.Address), (connected.Domain, connected.Governance));
        Assert.Equal(_enclave.Address, await connected.GetEnclaveKeyAsync());
        Assert.Single(await connected.GetKeyRegistrationsAsync());
    }
}
