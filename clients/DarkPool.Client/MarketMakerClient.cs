using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DarkPool.Attestation.Verification;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace DarkPool.Client;

// Design:
// One session, one bidirectional stream (Requests.Stream). Senders take turns (_sending): each seals its request with the
// next sequence number, records it at the tail of _sent and writes it; many requests are in flight at once. The gateway
// answers every envelope once, in the order sent, so the reply loop pairs each reply with the head of _sent. Answers are
// opened by the session's ResponseOrderer (strictly in sequence, with the event stream filling gaps: a fill of a resting
// quote for this session can come between two answers); a request completes once the orderer has opened through the last
// sequence of its reply. A refusal that consumed nothing (expired, malformed) breaks the sequence for everything sent after
// it: those entries are marked superseded (their GAP refusals are ignored) and resent, in order, re-sealed from the
// refused sequence by the next sender or a background resend. Locks: _gate guards _sent and the resend list;
// _answers guards the completion bookkeeping and is taken inside the orderer's lock, never the other way round.

/// <summary>
/// A market maker's connection: attestation verified first, then one sealed session whose requests travel over a
/// bidirectional stream with many in flight (place, batch place, atomic cancel-replace, mass quote, cancel, mass cancel), with
/// cancel-on-disconnect and a heartbeat dead-man's switch chosen at connect, heartbeats sent automatically.
/// </summary>
public sealed partial class MarketMakerClient : IAsyncDisposable
{
    private readonly DarkPoolClient _trader;
    private readonly ClientSession _session;
    private readonly ResponseOrderer _orderer;
    private readonly MarketMakerOptions _options;
    private readonly AsyncDuplexStreamingCall<SealedRequest, StreamReply> _call;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Lock _answers = new();
    private readonly Queue<Sent> _sent = new();
    private readonly List<Pending> _resend = [];
    private readonly Dictionary<ulong, Pending> _byId = [];
    private readonly Queue<Pending> _awaitingOpen = new();
    private readonly Task _pump;
    private readonly Task _replies;
    private Task _heartbeats = Task.CompletedTask;
    private ulong _rewindTo;
    private ulong _openedThrough;
    private ulong _nextRequestId = 1;
    private Status? _broken;

    private MarketMakerClient(DarkPoolClient trader, MarketMakerOptions options)
    {
        _trader = trader;
        _session = trader.Session;
        _orderer = trader.Orderer;
        _options = options;
        _orderer.OnOpened = OnOpened;
        _call = trader.Grpc.Requests.Stream(cancellationToken: _stop.Token);
        _pump = trader.PumpAsync(_stop.Token);
        _replies = Task.Run(ReadRepliesAsync);
    }

    /// <summary>The session's account (its Ethereum address).</summary>
    public AccountAddress Account => _trader.Account;

    /// <summary>The session id.</summary>
    public DarkPool.Protocol.SessionId SessionId => _trader.SessionId;

    /// <summary>The attestation result the session was opened on.</summary>
    public VerificationResult Attestation => _trader.Attestation;

    /// <summary>
    /// Verifies the enclave's attestation against <paramref name="policy"/> (throws <see cref="AttestationFailedException"/>
    /// naming the failed check, having sent nothing else), opens a session with the options' cancel-on-disconnect, opens
    /// the stream and, when a dead-man's timeout is set, arms the switch with a first heartbeat before returning.
    /// </summary>
    public static async Task<MarketMakerClient> ConnectAsync(
        GrpcChannel channel, Secp256k1AccountKey account, VerificationPolicy policy, MarketMakerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MarketMakerOptions();
        options.Validate();
        DarkPoolClient trader = await DarkPoolClient.ConnectAsync(channel, account, policy, new DarkPoolClientOptions
        {
            Flags = options.CancelOnDisconnect ? SessionFlags.CancelOnDisconnect : SessionFlags.None,
            RequestTimeout = options.RequestTimeout,
            SessionLifetime = options.SessionLifetime,
            Time = options.Time,
        }, cancellationToken).ConfigureAwait(false);
        var client = new MarketMakerClient(trader, options);
        if (options.DeadManTimeout is { } timeout)
        {
            RequestResult armed = await client.HeartbeatAsync(cancellationToken).ConfigureAwait(false);
            if (armed.Outcome != RequestOutcome.Answered)
            {
                await client.DisposeAsync().ConfigureAwait(false);
                throw new RpcException(armed.Status ?? new Status(StatusCode.Unavailable, "The dead-man's switch could not be armed."));
            }

            client._heartbeats = client.HeartbeatLoopAsync(options.HeartbeatInterval ?? timeout / 3);
        }

        return client;
    }

    /// <summary>Places an order.</summary>
    public Task<RequestResult> PlaceAsync(PlaceOrder order, CancellationToken cancellationToken = default) => SendAsync(order, cancellationToken);

    /// <summary>Places up to <see cref="BatchPlace.MaxOrders"/> orders in one request; <see cref="RequestResult.BatchResults"/> has one result each.</summary>
    /// <exception cref="ArgumentException">No orders, more than the limit, or an order that is not well formed.</exception>
    public Task<RequestResult> BatchPlaceAsync(IReadOnlyList<PlaceOrder> orders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var batch = new BatchPlace { Orders = [.. orders] };
        if (!batch.IsWellFormed())
        {
            throw new ArgumentException($"A batch holds 1 to {BatchPlace.MaxOrders} well-formed orders.", nameof(orders));
        }

        return SendAsync(batch, cancellationToken);
    }

    /// <summary>
    /// Atomically cancels <paramref name="cancelClientOrderId"/> and places <paramref name="order"/> in the same market;
    /// <see cref="RequestResult.CancelReplaced"/> has the result of each half. If the old order is already gone (filled,
    /// cancelled, unknown) the new one is not placed.
    /// </summary>
    public Task<RequestResult> CancelReplaceAsync(long cancelClientOrderId, PlaceOrder order, CancellationToken cancellationToken = default) =>
        SendAsync(CancelReplace.Of(cancelClientOrderId, order), cancellationToken);

    /// <summary>
    /// A mass quote: up to <see cref="BatchCancelReplace.MaxQuotes"/> atomic cancel-replaces (make each with
    /// <see cref="CancelReplace.Of"/>) in one request, run in order, each exactly as <see cref="CancelReplaceAsync"/> alone;
    /// <see cref="RequestResult.BatchCancelReplaced"/> has one result per quote in the same order. The requesting session
    /// gets no separate acknowledgement per half (the results are that); fills arrive as usual.
    /// </summary>
    /// <exception cref="ArgumentException">No quotes, more than the limit, or a quote whose new order is not well formed.</exception>
    public Task<RequestResult> BatchCancelReplaceAsync(IReadOnlyList<CancelReplace> quotes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        var batch = new BatchCancelReplace { Quotes = [.. quotes] };
        if (!batch.IsWellFormed())
        {
            throw new ArgumentException($"A mass quote holds 1 to {BatchCancelReplace.MaxQuotes} well-formed cancel-replaces.", nameof(quotes));
        }

        return SendAsync(batch, cancellationToken);
    }

    /// <summary>Cancels an order by its client order id.</summary>
    public Task<RequestResult> CancelAsync(int market, long clientOrderId, CancellationToken cancellationToken = default) =>
        SendAsync(new CancelOrder { Market = market, ClientOrderId = clientOrderId }, cancellationToken);

    /// <summary>Cancels all of the account's orders in one market, or in all markets.</summary>
    public Task<RequestResult> MassCancelAsync(int? market, CancellationToken cancellationToken = default) =>
        SendAsync(new MassCancel { Market = market }, cancellationToken);

    /// <summary>The account's open orders (one page), over the stream.</summary>
    public Task<RequestResult> OpenOrdersAsync(int? market = null, long cursor = 0, CancellationToken cancellationToken = default) =>
        SendAsync(new OpenOrdersQuery { Market = market, Cursor = cursor }, cancellationToken);

    /// <summary>The account's balances (one page), over the stream.</summary>
    public Task<RequestResult> BalancesAsync(long cursor = 0, CancellationToken cancellationToken = default) =>
        SendAsync(new BalanceQuery { Cursor = cursor }, cancellationToken);

    /// <summary>A heartbeat now (they are also sent automatically): restarts the dead-man's countdown with the configured timeout.</summary>
    public Task<RequestResult> HeartbeatAsync(CancellationToken cancellationToken = default) => SendAsync(new Heartbeat
    {
        ClientTime = _options.Time.GetUtcNow().ToUnixTimeMilliseconds(),
        CancelAfterSeconds = _options.DeadManTimeout is { } t ? (int)t.TotalSeconds : 0,
    }, cancellationToken);

    /// <summary>
    /// Every answer and event of the session, decrypted, in order (fills of resting quotes included; buffered until read,
    /// the oldest dropped past 65,536 unread; one reader at a time).
    /// </summary>
    public async IAsyncEnumerable<DecodedResponse> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChannelReader<DecodedResponse> reader = _orderer.Events;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out DecodedResponse response))
            {
                yield return response;
            }
        }
    }

    /// <summary>
    /// Ends the stream (with cancel-on-disconnect, the enclave then cancels the account's orders) and the session's event
    /// stream; requests still pending end as <see cref="RequestOutcome.Unknown"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _sending.WaitAsync().ConfigureAwait(false);
        try
        {
            await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or IOException)
        {
            // Already broken.
        }
        finally
        {
            _sending.Release();
        }

        // The gateway answers what it read, then ends the call; the reply loop sees the end.
        await Quietly(_replies).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await Quietly(_heartbeats).ConfigureAwait(false);
        await Quietly(_pump).ConfigureAwait(false);
        _call.Dispose();
        await _trader.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or InvalidOperationException)
        {
            // Ending anyway.
        }
    }

    private async Task HeartbeatLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _options.Time);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            RequestResult beat = await HeartbeatAsync(_stop.Token).ConfigureAwait(false);
            if (beat.Outcome == RequestOutcome.Unknown && _broken is not null)
            {
                return;
            }
        }
    }

    /// <summary>One request through the stream: sealed in turn, many in flight, completed when its answers are opened.</summary>
    private async Task<RequestResult> SendAsync<T>(T body, CancellationToken cancellationToken)
        where T : struct, IRequestBody<T>
    {
        var pending = new Pending(Reseal<T>(body));
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_broken is { } broken)
            {
                return new RequestResult(RequestOutcome.Unknown, 0, [], broken);
            }

            pending.RequestId = _nextRequestId++;
            lock (_answers)
            {
                _byId[pending.RequestId] = pending;
            }

            await WriteAsync(pending).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }

        try
        {
            return await pending.Result.WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still in flight: it may run; its answers reach EventsAsync. Look it up by client order id.
            return new RequestResult(RequestOutcome.Unknown, pending.RequestId, [], new Status(StatusCode.DeadlineExceeded, "No answer in time; the request may still run."));
        }
    }

    private Func<ulong, byte[]> Reseal<T>(T body)
        where T : struct, IRequestBody<T> => requestId =>
    {
        var envelope = new byte[EnvelopeLayout.EnvelopeSize(RequestCodec.SizeClassOf(T.Kind))];
        long expires = _options.Time.GetUtcNow().Add(_options.RequestTimeout).ToUnixTimeMilliseconds();
        _ = _session.SealRequest(requestId, expires, body, envelope);
        return envelope;
    };

    /// <summary>
    /// Writes <paramref name="next"/> (null: only what must be resent), after first resending, re-sealed from the refused
    /// sequence, whatever a refusal broke. The caller holds <see cref="_sending"/>.
    /// </summary>
    private async Task WriteAsync(Pending? next)
    {
        var envelopes = new List<byte[]>(1);
        lock (_gate)
        {
            if (_rewindTo != 0)
            {
                _session.RewindRequestSequence(_rewindTo);
                _rewindTo = 0;
                foreach (Pending again in _resend)
                {
                    envelopes.Add(SealInto(again));
                }

                _resend.Clear();
            }

            if (next is not null)
            {
                envelopes.Add(SealInto(next));
            }
        }

        try
        {
            foreach (byte[] envelope in envelopes)
            {
                await _call.RequestStream.WriteAsync(new SealedRequest { Envelope = UnsafeByteOperations.UnsafeWrap(envelope) }).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or IOException)
        {
            // The stream is gone: the reply loop ends every pending request.
            Break(e is RpcException r ? r.Status : new Status(StatusCode.Unavailable, "The stream ended."));
        }
    }

    /// <summary>Seals a request with the next sequence number and records it at the tail of the sent queue (under <see cref="_gate"/>).</summary>
    private byte[] SealInto(Pending pending)
    {
        ulong sequence = _session.NextRequestSequence;
        byte[] envelope = pending.Seal(pending.RequestId);
        _sent.Enqueue(new Sent(pending, sequence));
        return envelope;
    }
}
