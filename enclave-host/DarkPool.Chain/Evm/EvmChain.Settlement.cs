using DarkPool.Chain.Batches;
using DarkPool.Chain.Evm.Internal;
using DarkPool.Chain.Internal;
using Nethereum.RPC.Eth.DTOs;

namespace DarkPool.Chain.Evm;

/// <summary>Key registration, <c>settle</c>, and reading the settlement log back.</summary>
public sealed partial class EvmChain
{
    private const string SettleSignature = "settle(bytes,bytes)";

    /// <inheritdoc/>
    public async ValueTask RegisterEnclaveKeyAsync(ChainKey governance, EthAddress enclaveKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(governance);
        _ = await SendAsync(governance, Domain.Contract, Abi.Call("registerEnclaveKey(address)", Abi.Word(enclaveKey)), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<EthAddress> GetEnclaveKeyAsync(CancellationToken cancellationToken = default) =>
        Abi.ReadAddress(await CallAsync(Domain.Contract, Abi.Call("enclaveKey()"), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<KeyRegistration>> GetKeyRegistrationsAsync(CancellationToken cancellationToken = default)
    {
        FilterLog[] logs = await LogsAsync(KeyRegisteredTopic, cancellationToken).ConfigureAwait(false);
        return [.. logs.Select(log => new KeyRegistration(
            Abi.ReadAddress(TopicBytes(log, 1)), Abi.ReadUInt64(Hex.Decode(log.Data)), (ulong)log.BlockNumber.Value))];
    }

    /// <inheritdoc/>
    public async ValueTask<BatchPostResult> PostBatchAsync(ChainKey sender, SignedBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(batch);
        ulong sequence = batch.Encoded.Length >= BatchDescriptor.HeaderSize
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(batch.Encoded.Span[BatchDescriptor.SequenceOffset..])
            : 0;
        byte[] data = [.. Abi.Selector(SettleSignature), .. Abi.Dynamic([batch.Encoded.ToArray(), batch.Signature.ToArray()], [])];
        try
        {
            _ = await SendAsync(sender, Domain.Contract, data, cancellationToken).ConfigureAwait(false);
            return new BatchPostResult(BatchPostStatus.Settled, sequence, batch.Hash);
        }
        catch (ChainRejectedException ex) when (ex.Error == ChainError.BatchAlreadySettled)
        {
            return new BatchPostResult(BatchPostStatus.AlreadySettled, sequence, batch.Hash);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<SettlementHead> GetSettlementHeadAsync(CancellationToken cancellationToken = default) =>
        new(
            await UInt64Async("nextSequence()", cancellationToken).ConfigureAwait(false),
            await HashAsync("lastBatchHash()", cancellationToken).ConfigureAwait(false),
            await HashAsync("journalHead()", cancellationToken).ConfigureAwait(false),
            await UInt64Async("settledDepositIndex()", cancellationToken).ConfigureAwait(false),
            await UInt64Async("depositCount()", cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public async ValueTask<Hash32> GetAnchoredJournalHeadAsync(CancellationToken cancellationToken = default) =>
        await HashAsync("journalHead()", cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    /// <remarks>The batch bytes come from the settling transaction's input, so batches must be posted by a direct <c>settle</c> call.</remarks>
    public async ValueTask<IReadOnlyList<SettledBatch>> GetSettledBatchesAsync(ulong fromSequence, CancellationToken cancellationToken = default)
    {
        FilterLog[] logs = await LogsAsync(BatchSettledTopic, cancellationToken).ConfigureAwait(false);
        var batches = new List<SettledBatch>();
        foreach (FilterLog log in logs)
        {
            ulong sequence = Abi.ReadUInt64(TopicBytes(log, 1));
            if (sequence < fromSequence)
            {
                continue;
            }

            var hash = Hash32.FromBytes(TopicBytes(log, 2));
            byte[] eventData = Hex.Decode(log.Data);
            Transaction transaction = await _reader.Eth.Transactions.GetTransactionByHash
                .SendRequestAsync(log.TransactionHash).ConfigureAwait(false);
            byte[] input = Hex.Decode(transaction.Input);
            if (input.Length < 4 || !input.AsSpan(0, 4).SequenceEqual(Abi.Selector(SettleSignature)))
            {
                throw new InvalidOperationException($"Batch {sequence} was not settled by a direct settle call.");
            }

            byte[] args = input[4..];
            var signed = new SignedBatch(Abi.ReadBytes(args, 0), Abi.ReadBytes(args, 32));
            if (signed.Hash != hash)
            {
                throw new InvalidOperationException($"The input of the transaction that settled batch {sequence} is not that batch.");
            }

            batches.Add(new SettledBatch(
                sequence, hash, Hash32.FromBytes(eventData.AsSpan(0, 32)), Abi.ReadBytes(eventData, 32), (ulong)log.BlockNumber.Value, signed));
        }

        return batches;
    }

    private async Task<ulong> UInt64Async(string signature, CancellationToken cancellationToken) =>
        Abi.ReadUInt64(await CallAsync(Domain.Contract, Abi.Call(signature), cancellationToken).ConfigureAwait(false));

    private async Task<Hash32> HashAsync(string signature, CancellationToken cancellationToken) =>
        Hash32.FromBytes(await CallAsync(Domain.Contract, Abi.Call(signature), cancellationToken).ConfigureAwait(false));
}
