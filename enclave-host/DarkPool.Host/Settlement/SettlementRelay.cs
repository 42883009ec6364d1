using DarkPool.Chain;
using DarkPool.Chain.Batches;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Settlement;
using Microsoft.Extensions.Logging;

namespace DarkPool.Host.Settlement;

// Design:
// One background loop, the only caller of the enclave's settlement surface. A pass: relay confirmed deposits in index
// order (one journaled record each, stopping at the first the enclave does not credit), send the cut record when the
// enclave says a batch is due, then sign and post every batch not yet confirmed, in order, and journal each
// confirmation. Nothing here is on the matching path: records go through the pipeline like any operator record, and
// encryption and signing run on a thread of their own below normal priority (LowPriorityScheduler), the chain calls on
// this loop's. A crash anywhere is recovered by the next pass
// after a restart: signing is deterministic, a batch already on chain answers AlreadySettled, and a confirmation
// record is only a cache of what the chain says.

/// <summary>The host's settlement loop between one enclave and one chain.</summary>
public sealed partial class SettlementRelay : IAsyncDisposable
{
    private readonly EnclaveHost _host;
    private readonly IChainBackend _chain;
    private readonly ChainKey _sender;
    private readonly SettlementRelayOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly LowPriorityScheduler _signing = new("settlement-signing");
    // Every batch is encoded into this one buffer: a batch is posted before the next is signed (one pass at a time).
    private readonly BatchBuilder _batchBuffer = new();
    private Task _loop = Task.CompletedTask;
    private long? _lastCut;

    private SettlementRelay(EnclaveHost host, IChainBackend chain, ChainKey sender, SettlementRelayOptions options, ILogger logger)
    {
        _host = host;
        _chain = chain;
        _sender = sender;
        _options = options;
        _logger = logger;
    }

    private SettlementSigner Signer => _host.Settlement;

    /// <summary>
    /// Checks the enclave's state against the chain (rollback protection), gives the enclave its settlement
    /// parameters and the asset tokens, and starts the loop. Throws <see cref="SettlementRefusedException"/> when the
    /// enclave's state is older than the chain, or belongs to another chain.
    /// </summary>
    public static async Task<SettlementRelay> StartAsync(
        EnclaveHost host, IChainBackend chain, ChainKey sender, IReadOnlyList<SettlementAsset> assets, SettlementRelayOptions options,
        ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(options);
        SettlementHead head = await chain.GetSettlementHeadAsync(cancellationToken).ConfigureAwait(false);
        if (!host.Settlement.TryCheckAnchor(head, out string? error))
        {
            throw new SettlementRefusedException(error);
        }

        await Submit(host, SettlementRecords.Config(0, options.Confirmations, options.BatchMaxFills, (long)options.BatchInterval.TotalMilliseconds)).ConfigureAwait(false);
        foreach (SettlementAsset asset in assets)
        {
            await Submit(host, SettlementRecords.Asset(0, asset.Asset, asset.Token)).ConfigureAwait(false);
        }

        var relay = new SettlementRelay(host, chain, sender, options, logger);
        if (options.PollInterval > TimeSpan.Zero)
        {
            relay._loop = Task.Run(relay.LoopAsync, CancellationToken.None);
        }

        return relay;
    }

    /// <summary>One pass: deposits in, a cut if due, every unconfirmed batch signed, posted and confirmed. Returns the batches posted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RelayDepositsAsync(cancellationToken).ConfigureAwait(false);
            // The floor runs on the monotonic clock: a wall clock stepped back must not hold cuts off.
            bool spaced = _lastCut is not { } last || _options.Clock.GetElapsedTime(last) >= _options.BatchMinInterval;
            if (spaced && Signer.IsCutDue(_options.Clock.GetUtcNow().ToUnixTimeMilliseconds()))
            {
                await Submit(_host, SettlementRecords.Cut(0)).ConfigureAwait(false);
                _lastCut = _options.Clock.GetTimestamp();
            }

            return await PostBatchesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>Stops the loop (a pass in progress finishes its current call).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
        _signing.Dispose();
    }

    private async Task RelayDepositsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DepositRecord> deposits = await _chain.GetDepositsAsync(Signer.CreditedDepositIndex + 1, cancellationToken).ConfigureAwait(false);
        foreach (DepositRecord deposit in deposits)
        {
            if (deposit.Confirmations < _options.Confirmations)
            {
                return;
            }

            await Submit(_host, SettlementRecords.Deposit(0, deposit)).ConfigureAwait(false);
            if (Signer.CreditedDepositIndex != deposit.Index)
            {
                Log.DepositNotCredited(_logger, deposit.Index);
                return;
            }
        }
    }

    private async Task<int> PostBatchesAsync(CancellationToken cancellationToken)
    {
        int posted = 0;
        foreach (ulong sequence in Signer.Unconfirmed)
        {
            SignedBatch batch = await Signer.SignAsync(sequence, _chain.Domain, cancellationToken, buildOn: _signing, into: _batchBuffer).ConfigureAwait(false);
            BatchPostResult result;
            try
            {
                result = await _chain.PostBatchAsync(_sender, batch, cancellationToken).ConfigureAwait(false);
            }
            catch (ChainRejectedException e)
            {
                Log.BatchRejected(_logger, sequence, e.Error);
                return posted;
            }

            await Signer.ConfirmAsync(sequence).ConfigureAwait(false);
            Log.BatchSettled(_logger, sequence, result.Status);
            posted++;
        }

        return posted;
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_options.PollInterval);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            if (_host.IsStopped)
            {
                return;
            }

            try
            {
                _ = await RunOnceAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The chain unreachable, the enclave busy: the next pass tries again from what the chain and the enclave say.
                Log.PassFailed(_logger, e.GetType().Name, e.Message);
            }
        }
    }

    private static async Task Submit(EnclaveHost host, byte[] record)
    {
        EnclaveReply reply = await host.SubmitOperatorAsync(record).ConfigureAwait(false);
        if (reply.Status != ReplyStatus.Done)
        {
            throw new InvalidOperationException($"The enclave did not take a settlement record ({reply.Status}).");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Deposit {Index} was relayed but not credited (its running hash or confirmations did not check); relaying stops there.")]
        public static partial void DepositNotCredited(ILogger logger, ulong index);

        [LoggerMessage(EventId = 8002, Level = LogLevel.Error, Message = "The chain refused settlement batch {Sequence}: {Error}.")]
        public static partial void BatchRejected(ILogger logger, ulong sequence, ChainError error);

        [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "Settlement batch {Sequence}: {Status}.")]
        public static partial void BatchSettled(ILogger logger, ulong sequence, BatchPostStatus status);

        [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "A settlement pass failed ({Kind}: {Detail}); retrying.")]
        public static partial void PassFailed(ILogger logger, string kind, string detail);
    }
}
