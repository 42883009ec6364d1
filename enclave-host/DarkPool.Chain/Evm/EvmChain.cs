using System.Collections.Concurrent;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Evm.Internal;
using DarkPool.Chain.Internal;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.RPC.NonceServices;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace DarkPool.Chain.Evm;

/// <summary>
/// The settlement contract on an EVM chain, over JSON-RPC (anvil in the tests, any node otherwise).
/// Every transaction is first simulated with <c>eth_call</c>, so a rule the contract enforces comes back
/// as <see cref="ChainRejectedException"/> with the decoded custom error and nothing is sent.
/// </summary>
public sealed partial class EvmChain : IChainBackend
{
    private readonly IClient _client;
    private readonly Web3 _reader;
    private readonly ConcurrentDictionary<EthAddress, Web3> _senders = new();
    private readonly ulong _fromBlock;
    private readonly string _contract;

    private EvmChain(IClient client, SettlementDomain domain, EthAddress governance, ulong fromBlock)
    {
        _client = client;
        _reader = new Web3(client);
        Domain = domain;
        Governance = governance;
        _fromBlock = fromBlock;
        _contract = domain.Contract.ToString();
    }

    /// <inheritdoc/>
    public SettlementDomain Domain { get; }

    /// <inheritdoc/>
    public EthAddress Governance { get; }

    /// <summary>The block the contract was deployed in: where log scans start.</summary>
    public ulong DeploymentBlock => _fromBlock;

    /// <summary>Deploys a new settlement contract with <paramref name="governance"/>, paid by <paramref name="deployer"/>.</summary>
    public static async Task<EvmChain> DeployAsync(
        Uri rpcUrl, ChainKey deployer, EthAddress governance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployer);
        var client = new RpcClient(rpcUrl);
        ulong chainId = await ChainIdAsync(client).ConfigureAwait(false);
        var bootstrap = new EvmChain(client, new SettlementDomain(chainId, EthAddress.Zero), governance, 0);
        byte[] data = [.. ContractArtifact.Settlement.Bytecode, .. Abi.Word(governance)];
        TransactionReceipt receipt = await bootstrap.SendAsync(deployer, null, data, cancellationToken).ConfigureAwait(false);
        var contract = EthAddress.Parse(receipt.ContractAddress);
        return new EvmChain(client, new SettlementDomain(chainId, contract), governance, (ulong)receipt.BlockNumber.Value);
    }

    /// <summary>Connects to a settlement contract deployed at <paramref name="deploymentBlock"/>.</summary>
    public static async Task<EvmChain> ConnectAsync(
        Uri rpcUrl, EthAddress contract, ulong deploymentBlock, CancellationToken cancellationToken = default)
    {
        var client = new RpcClient(rpcUrl);
        ulong chainId = await ChainIdAsync(client).ConfigureAwait(false);
        var probe = new EvmChain(client, new SettlementDomain(chainId, contract), EthAddress.Zero, deploymentBlock);
        byte[] governance = await probe.CallAsync(contract, Abi.Call("governance()"), cancellationToken).ConfigureAwait(false);
        if (governance.Length != 32)
        {
            throw new InvalidOperationException($"No settlement contract at {contract} on chain {chainId}.");
        }

        return new EvmChain(client, probe.Domain, Abi.ReadAddress(governance), deploymentBlock);
    }

    /// <inheritdoc/>
    public async ValueTask<ulong> GetBlockNumberAsync(CancellationToken cancellationToken = default) =>
        (ulong)(await _reader.Eth.Blocks.GetBlockNumber.SendRequestAsync().ConfigureAwait(false)).Value;

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _senders.Clear();
        return ValueTask.CompletedTask;
    }

    private static async Task<ulong> ChainIdAsync(IClient client) =>
        (ulong)(await new Web3(client).Eth.ChainId.SendRequestAsync().ConfigureAwait(false)).Value;

    /// <summary>A Web3 that signs with <paramref name="key"/> locally; nonces are tracked in memory per sender.</summary>
    private Web3 Sender(ChainKey key) =>
        _senders.GetOrAdd(key.Address, _ =>
        {
            var account = new Account(key.PrivateKeyHex, (long)Domain.ChainId);
            account.NonceService = new InMemoryNonceService(account.Address, _client);
            return new Web3(account, _client);
        });
}
