using DarkPool.Chain.Evm.Internal;
using DarkPool.Chain.Internal;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;

namespace DarkPool.Chain.Evm;

/// <summary>Calls, simulated transactions and revert decoding.</summary>
public sealed partial class EvmChain
{
    /// <summary>eth_call; a revert becomes <see cref="ChainRejectedException"/> with the decoded error.</summary>
    private async Task<byte[]> CallAsync(EthAddress? to, byte[] data, CancellationToken cancellationToken, EthAddress? from = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var input = new CallInput(Hex.Encode(data), to?.ToString()) { From = from?.ToString() };
        try
        {
            string result = await _reader.Eth.Transactions.Call.SendRequestAsync(input, BlockParameter.CreateLatest()).ConfigureAwait(false);
            return Hex.Decode(result);
        }
        catch (RpcResponseException ex)
        {
            byte[] revert = RevertData(ex);
            ChainError error = RevertDecoder.Decode(revert);
            throw new ChainRejectedException(error, $"Revert data {Hex.Encode(revert)}.");
        }
    }

    /// <summary>
    /// Simulates, then signs and sends a transaction and waits for its receipt. A receipt with a failed
    /// status (state changed between simulation and inclusion) is simulated again for its reason.
    /// </summary>
    private async Task<TransactionReceipt> SendAsync(ChainKey from, EthAddress? to, byte[] data, CancellationToken cancellationToken)
    {
        _ = await CallAsync(to, data, cancellationToken, from.Address).ConfigureAwait(false);
        var input = new TransactionInput { Data = Hex.Encode(data), To = to?.ToString(), From = from.Address.ToString() };
        Nethereum.Web3.Web3 web3 = Sender(from);
        HexBigInteger gas = await web3.TransactionManager.EstimateGasAsync(input).ConfigureAwait(false);
        input.Gas = new HexBigInteger(gas.Value + (gas.Value / 5));
        TransactionReceipt receipt = await web3.TransactionManager
            .SendTransactionAndWaitForReceiptAsync(input, cancellationToken).ConfigureAwait(false);
        if (receipt.Status?.Value != 1)
        {
            _ = await CallAsync(to, data, cancellationToken, from.Address).ConfigureAwait(false);
            throw new ChainRejectedException(ChainError.Unknown, $"Transaction {receipt.TransactionHash} reverted.");
        }

        return receipt;
    }

    private static byte[] RevertData(RpcResponseException ex)
    {
        string? data = ex.RpcError?.Data?.ToString();
        if (data is null)
        {
            return [];
        }

        data = data.Trim().Trim('"');
        try
        {
            return Hex.Decode(data);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
