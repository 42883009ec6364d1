using DarkPool.Chain;
using DarkPool.Chain.Evm;
using Grpc.Net.Client;

namespace DarkPool.ChainClient;

/// <summary>
/// The settlement chain of a server, for command lines: asks the gateway which chain it runs, and returns one
/// <see cref="IChainView"/> for it: the gateway's development service for the embedded chain, the node itself for an
/// EVM chain. The faucet always goes through the gateway (the server issued the development tokens).
/// </summary>
public sealed class SettlementChain : IAsyncDisposable
{
    private SettlementChain(DevChainClient gateway, IChainView view)
    {
        Gateway = gateway;
        View = view;
    }

    /// <summary>The gateway's development chain service (faucet, asset tokens, the server's view of the chain).</summary>
    public DevChainClient Gateway { get; }

    /// <summary>The chain itself: deposits, balances, settled batches.</summary>
    public IChainView View { get; }

    /// <summary>The server's description of its chain.</summary>
    public ChainInfo Info => Gateway.Info;

    /// <summary>
    /// Connects through the gateway at <paramref name="channel"/>; for an EVM chain, to <paramref name="rpcUrl"/> when given
    /// (the node's address as this machine reaches it), otherwise to the address the server reports.
    /// </summary>
    public static async Task<SettlementChain> ConnectAsync(GrpcChannel channel, Uri? rpcUrl = null, CancellationToken cancellationToken = default)
    {
        DevChainClient gateway = await DevChainClient.ConnectAsync(channel, cancellationToken).ConfigureAwait(false);
        if (gateway.Info.Backend != "evm")
        {
            return new SettlementChain(gateway, gateway);
        }

        Uri node = rpcUrl ?? new Uri(gateway.Info.RpcUrl);
        EvmChain evm = await EvmChain.ConnectAsync(node, gateway.Info.Contract, gateway.Info.DeploymentBlock, cancellationToken).ConfigureAwait(false);
        return new SettlementChain(gateway, evm);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!ReferenceEquals(View, Gateway))
        {
            await View.DisposeAsync().ConfigureAwait(false);
        }

        await Gateway.DisposeAsync().ConfigureAwait(false);
    }
}
