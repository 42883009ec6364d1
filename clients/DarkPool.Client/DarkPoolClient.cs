using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using DarkPool.Attestation.Binding;
using QuoteCollateral = DarkPool.Attestation.Collateral.QuoteCollateral;
using DarkPool.Attestation.Verification;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace DarkPool.Client;

// Design:
// Sends are serialised (one request in flight per client): envelope sequence numbers must reach the enclave in order.
// Answers reach the client twice, in the unary reply and on the event stream; both feed one ResponseOrderer that opens
// each sequence exactly once, in order, and remembers recent decoded answers, so a request's result and the event
// stream see the same responses without gaps or duplicates.

/// <summary>
/// A trader's connection to DarkPool: it verifies the enclave's attestation against a policy before anything else,
/// opens a sealed session, and offers typed, cancellable requests and a resumable stream of decrypted events.
/// </summary>
public sealed class DarkPoolClient : IAsyncDisposable
{
    private readonly V1Clients _grpc;
    private readonly ClientSession _session;
    private readonly ResponseOrderer _orderer;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private ulong _nextRequestId = 1;
    private byte[]? _unanswered;

    private DarkPoolClient(V1Clients grpc, ClientSession session, TimeSpan timeout, TimeProvider time)
    {
        _grpc = grpc;
        _session = session;
        _timeout = timeout;
        _time = time;
        _orderer = new ResponseOrderer(session);
    }

    /// <summary>The session's account (its Ethereum address).</summary>
    public AccountAddress Account => _session.Account;

    /// <summary>The session id.</summary>
    public DarkPool.Protocol.SessionId SessionId => _session.SessionId;

    /// <summary>The sealed session, for the market-maker stream that shares it (one sender at a time).</summary>
    internal ClientSession Session => _session;

    /// <summary>Opens the session's answers in order, whichever path brought them.</summary>
    internal ResponseOrderer Orderer => _orderer;

    /// <summary>The generated gRPC clients over the connection.</summary>
    internal V1Clients Grpc => _grpc;

    /// <summary>The attestation result the session was opened on.</summary>
    public VerificationResult Attestation { get; private set; } = null!;

    /// <summary>
    /// Fetches evidence with a fresh nonce, verifies it against <paramref name="policy"/> (throws
    /// <see cref="AttestationFailedException"/> naming the failed check, having sent nothing else), then opens a session
    /// signed by <paramref name="account"/>.
    /// </summary>
    public static async Task<DarkPoolClient> ConnectAsync(
        GrpcChannel channel, Secp256k1AccountKey account, VerificationPolicy policy, DarkPoolClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(policy);
        options ??= new DarkPoolClientOptions();
        var grpc = new V1Clients(channel);
        var nonces = new NonceRegistry(options.Time, TimeSpan.FromMinutes(1));
        byte[] nonce = nonces.Issue();
        Evidence evidence = await grpc.Attestation.GetEvidenceAsync(new GetEvidenceRequest { Nonce = ByteString.CopyFrom(nonce) }, cancellationToken: cancellationToken).ConfigureAwait(false);
        VerificationResult verdict = Verify(evidence, nonce, policy, nonces, options.Time);
        if (!verdict.IsValid)
        {
            throw new AttestationFailedException(verdict.FailedCheck, verdict.Detail);
        }

        long expires = options.Time.GetUtcNow().ToUnixTimeMilliseconds() + (long)options.SessionLifetime.TotalMilliseconds;
        ClientSession session = ClientSession.Create(evidence.KeyAgreementPublicKey.Span, SHA256.HashData(evidence.Quote.Span), account, expires, options.Flags);
        try
        {
            _ = await grpc.Sessions.OpenAsync(new OpenSessionRequest { Handshake = ByteString.CopyFrom(session.HandshakeMessage) }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        return new DarkPoolClient(grpc, session, options.RequestTimeout, options.Time) { Attestation = verdict };
    }

    /// <summary>Places an order.</summary>
    public Task<RequestResult> PlaceAsync(PlaceOrder order, CancellationToken cancellationToken = default) => SendAsync(order, cancellationToken);

    /// <summary>Cancels an order by its client order id.</summary>
    public Task<RequestResult> CancelAsync(int market, long clientOrderId, CancellationToken cancellationToken = default) =>
        SendAsync(new CancelOrder { Market = market, ClientOrderId = clientOrderId }, cancellationToken);

    /// <summary>Amends an order's price and/or remaining quantity.</summary>
    public Task<RequestResult> AmendAsync(int market, long clientOrderId, long? newPrice, long? newQuantity, CancellationToken cancellationToken = default) =>
        SendAsync(new AmendOrder { Market = market, ClientOrderId = clientOrderId, NewPrice = newPrice, NewQuantity = newQuantity }, cancellationToken);

    /// <summary>Cancels all of the account's orders in one market, or in all markets.</summary>
    public Task<RequestResult> MassCancelAsync(int? market, CancellationToken cancellationToken = default) =>
        SendAsync(new MassCancel { Market = market }, cancellationToken);

    /// <summary>The account's balances (one page; its next cursor continues).</summary>
    public Task<RequestResult> BalancesAsync(long cursor = 0, CancellationToken cancellationToken = default) =>
        SendAsync(new BalanceQuery { Cursor = cursor }, cancellationToken);

    /// <summary>The account's open orders, to look up an order whose outcome was unknown.</summary>
    public Task<RequestResult> OpenOrdersAsync(int? market = null, CancellationToken cancellationToken = default) =>
        SendAsync(new OpenOrdersQuery { Market = market }, cancellationToken);

    /// <summary>One page of the account's open orders from <paramref name="cursor"/> (0, or the previous page's next cursor).</summary>
    public Task<RequestResult> OpenOrdersAsync(int? market, long cursor, CancellationToken cancellationToken = default) =>
        SendAsync(new OpenOrdersQuery { Market = market, Cursor = cursor }, cancellationToken);

    /// <summary>
    /// One page of the account's recent fills, newest first (the enclave keeps the newest 128 per account), from
    /// <paramref name="cursor"/>: 0 for the newest, or the previous page's next cursor. A cursor past the newest fill is
    /// answered with a rejection.
    /// </summary>
    public Task<RequestResult> FillsAsync(int? market = null, long cursor = 0, CancellationToken cancellationToken = default) =>
        SendAsync(new FillsQuery { Market = market, Cursor = cursor }, cancellationToken);

    /// <summary>Requests a withdrawal from the dark wallet.</summary>
    public Task<RequestResult> WithdrawAsync(int asset, long amount, CancellationToken cancellationToken = default) =>
        SendAsync(new WithdrawRequest { Asset = asset, Amount = amount }, cancellationToken);

    /// <summary>
    /// Every answer and event of the session since it opened, decrypted, in order (buffered until read; one reader at a
    /// time). Reconnects after a dropped stream and resumes from the next sequence it expects, so nothing is skipped or
    /// repeated while the gateway still retains it.
    /// </summary>
    public async IAsyncEnumerable<DecodedResponse> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChannelReader<DecodedResponse> reader = _orderer.Events;
        Task pump = PumpAsync(cancellationToken);
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out DecodedResponse response))
                {
                    yield return response;
                }
            }
        }
        finally
        {
            try
            {
                await pump.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The caller stopped reading.
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _session.Dispose();
        _sending.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static VerificationResult Verify(Evidence evidence, byte[] nonce, VerificationPolicy policy, NonceRegistry nonces, TimeProvider time)
    {
        var binding = new ReportDataBinding(evidence.KeyAgreementPublicKey.Span, evidence.SettlementPublicKey.Span, nonce);
        var verifier = new QuoteVerifier(policy, nonces, time);
        if (evidence.CollateralJson.Length == 0)
        {
            // No collateral: the policy decides (RequireCollateral) inside the verifier.
            return verifier.Verify(evidence.Quote.Memory, binding);
        }

        if (!QuoteCollateral.TryParse(evidence.CollateralJson, out QuoteCollateral? collateral, out var parseError))
        {
            // Collateral that does not parse is refused, never quietly skipped: the gateway is untrusted.
            throw new AttestationFailedException(VerificationCheck.Collateral, $"the collateral does not parse: {parseError}");
        }

        return verifier.Verify(evidence.Quote.Memory, binding, collateral);
    }

    /// <summary>Feeds the event stream into the orderer until cancelled, resuming after drops (also used by the market-maker client).</summary>
    internal async Task PumpAsync(CancellationToken cancellationToken)
    {
        var id = ByteString.CopyFrom(SessionId.ToArray());
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using AsyncServerStreamingCall<SealedEvent> call = _grpc.Events.Subscribe(
                    new SubscribeRequest { SessionId = id, FromSequence = _orderer.NextSequence }, cancellationToken: cancellationToken);
                await foreach (SealedEvent e in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    _ = _orderer.Add(e.Envelope.ToByteArray());
                }
            }
                catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Aborted or StatusCode.Internal or StatusCode.ResourceExhausted)
            {
                // Dropped or throttled: resume from the next expected sequence after a pause.
                TimeSpan pause = e.GetRpcStatus()?.GetDetail<Google.Rpc.RetryInfo>()?.RetryDelay?.ToTimeSpan() ?? TimeSpan.FromMilliseconds(100);
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (RpcException e)
            {
                // Not retriable (events no longer retained, unknown session): the stream ends with the error.
                _orderer.Fail(e);
                return;
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                // A transport failure below gRPC's status mapping: resume like a dropped stream.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Anything else ends the stream with the error rather than leaving the reader waiting forever.
                _orderer.Fail(e);
                return;
            }

            // The server ended the stream normally: pause, then resume.
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CatchUpAsync(ulong through, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using AsyncServerStreamingCall<SealedEvent> call = _grpc.Events.Subscribe(
                new SubscribeRequest { SessionId = ByteString.CopyFrom(SessionId.ToArray()), FromSequence = _orderer.NextSequence, CatchUp = true }, cancellationToken: timeout.Token);
            await foreach (SealedEvent e in call.ResponseStream.ReadAllAsync(timeout.Token).ConfigureAwait(false))
            {
                _ = _orderer.Add(e.Envelope.ToByteArray());
                if (_orderer.NextSequence > through)
                {
                    return;
                }
            }
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Cancelled or StatusCode.DeadlineExceeded or StatusCode.Unavailable)
        {
            // The answers stay unopened; the event stream will bring the rest.
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // As above: timed out catching up.
        }
    }

    private async Task<RequestResult> SendAsync<T>(T body, CancellationToken cancellationToken)
        where T : struct, IRequestBody<T>
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_unanswered is not null && !await ResendUnansweredAsync(cancellationToken).ConfigureAwait(false))
            {
                return new RequestResult(RequestOutcome.Unknown, 0, [], new Status(StatusCode.Unavailable, "An earlier request's outcome is still unknown and could not be resent; try again."));
            }

            ulong requestId = _nextRequestId++;
            var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
            long expires = _time.GetUtcNow().Add(_timeout).ToUnixTimeMilliseconds();
            _ = _session.SealRequest(requestId, expires, body, envelope);
            (RequestOutcome outcome, Status? status, List<DecodedResponse> answers) = await SubmitAsync(envelope, requestId, cancellationToken).ConfigureAwait(false);
            if (outcome == RequestOutcome.Unknown && status?.StatusCode != StatusCode.AlreadyExists)
            {
                // Maybe it reached the enclave, maybe not: the same bytes go first next time (an answer, or a replay
                // refusal that proves it ran), so the sequence numbers never drift apart.
                _unanswered = envelope;
            }

            return new RequestResult(outcome, requestId, answers, status);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Sends the envelope whose outcome was unknown again, unchanged. True when the sequence is settled.</summary>
    private async Task<bool> ResendUnansweredAsync(CancellationToken cancellationToken)
    {
        (RequestOutcome outcome, Status? status, _) = await SubmitAsync(_unanswered!, 0, cancellationToken).ConfigureAwait(false);
        bool settled = outcome == RequestOutcome.Answered
            || (outcome == RequestOutcome.Unknown && status?.StatusCode == StatusCode.AlreadyExists)
            || outcome == RequestOutcome.Refused;
        if (settled)
        {
            _unanswered = null;
        }

        return settled;
    }

    /// <summary>
    /// One envelope to the gateway, classified by the reason the gateway gives (docs/GATEWAY.md, "Errors"): refusals that
    /// consumed nothing rewind the sequence; a replay means the sequence was used before (the outcome is on the stream);
    /// anything else is unknown.
    /// </summary>
    private async Task<(RequestOutcome Outcome, Status? Status, List<DecodedResponse> Answers)> SubmitAsync(byte[] envelope, ulong requestId, CancellationToken cancellationToken)
    {
        SealedReply reply;
        try
        {
            reply = await _grpc.Requests.SubmitAsync(new SealedRequest { Envelope = ByteString.CopyFrom(envelope) },
                deadline: DateTime.UtcNow.Add(_timeout), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            string reason = e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? "";
            bool consumedNothing = reason is "RATE_LIMITED" or "ENCLAVE_BUSY" or "EXPIRED" or "UNKNOWN_SESSION" or "SESSION_CLOSED"
                || (e.StatusCode == StatusCode.InvalidArgument && reason.Length > 0);
            if (consumedNothing)
            {
                _session.RewindRequestSequence(_session.NextRequestSequence - 1);
                return (RequestOutcome.Refused, e.Status, []);
            }

            // REPLAY/STALE: that sequence was used already; DEADLINE, ENCLAVE_STOPPED, a reset connection, an oversized
            // reply: it may have run. The answers, if any, arrive on the event stream.
            return (RequestOutcome.Unknown, e.Status, []);
        }

        ulong last = 0;
        foreach (ByteString answer in reply.Envelopes)
        {
            byte[] bytes = answer.ToByteArray();
            if (EnvelopeHeader.TryParse(bytes, out EnvelopeHeader header, out _))
            {
                last = Math.Max(last, header.Sequence);
            }

            _ = _orderer.Add(bytes);
        }

        if (last >= _orderer.NextSequence)
        {
            // Events for this session came first (a deposit, a fill of a resting order) and are still on the stream:
            // fetch them so that the answers can be opened in order.
            await CatchUpAsync(last, cancellationToken).ConfigureAwait(false);
        }

        // Answered only with an authenticated answer to this very request: the untrusted gateway cannot fake one.
        List<DecodedResponse> answers = requestId == 0 ? [] : _orderer.AnswersTo(requestId);
        return requestId != 0 && answers.Count == 0
            ? (RequestOutcome.Unknown, new Status(StatusCode.DataLoss, "No authenticated answer to this request arrived."), [])
            : (RequestOutcome.Answered, null, answers);
    }

    /// <summary>The generated clients of darkpool.v1.</summary>
    internal sealed class V1Clients(GrpcChannel channel)
    {
        public Gateway.V1.Attestation.AttestationClient Attestation { get; } = new(channel);

        public Sessions.SessionsClient Sessions { get; } = new(channel);

        public Requests.RequestsClient Requests { get; } = new(channel);

        public Events.EventsClient Events { get; } = new(channel);
    }
}
