using System.Text;
using DarkPool.Chain.Internal;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace DarkPool.Chain.Evm;

/// <summary>Event logs of the settlement contract.</summary>
public sealed partial class EvmChain
{
    private static readonly string DepositedTopic = Topic("Deposited(uint64,address,address,uint256,bytes32)");
    private static readonly string KeyRegisteredTopic = Topic("EnclaveKeyRegistered(address,uint64)");
    private static readonly string BatchSettledTopic = Topic("BatchSettled(uint64,bytes32,bytes32,bytes)");

    private static string Topic(string signature) => Keccak.Hash(Encoding.ASCII.GetBytes(signature)).ToString();

    /// <summary>The contract's logs with <paramref name="topic"/>, from the deployment block to the head, in chain order.</summary>
    private async Task<FilterLog[]> LogsAsync(string topic, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var filter = new NewFilterInput
        {
            Address = [_contract],
            FromBlock = new BlockParameter(new HexBigInteger(_fromBlock)),
            ToBlock = BlockParameter.CreateLatest(),
            Topics = [topic],
        };
        return await _reader.Eth.Filters.GetLogs.SendRequestAsync(filter).ConfigureAwait(false);
    }

    private static byte[] TopicBytes(FilterLog log, int index) => Hex.Decode(log.Topics[index].ToString()!);
}
