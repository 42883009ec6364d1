using System.Threading.Channels;
using DarkPool.Enclave.Pipeline;
using DarkPool.Gateway.V1;
using DarkPool.Host;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using Google.Protobuf;
using Grpc.Core;

namespace DarkPool.Gateway.Internal;

// Design:
// One call, two loops. The reader (the call's own task) takes each request envelope in arrival order, hands it to the
// host (the ring claim happens inside that call, so envelopes reach the enclave in stream order) and queues the pending
// answer in a bounded channel; the writer awaits the answers in that same order and writes one reply each. When the
// client stops reading replies, the writer blocks in HTTP/2 flow control, the channel fills after `inFlight` entries and
// the reader stops reading: the client's own writes then block. Nothing is buffered without bound, and nothing here can
// hold up the enclave: the pipeline completes each answer's task whether or not anyone writes it, and other streams have
// their own loops. Rate limits and a busy ring are waited out (pacing), never answered with a refusal, so the stream's
// sequence numbers never need rewinding for them. All streams together also share a budget of envelopes inside the
// enclave (StreamBudget), so market makers as a group cannot push everyone else to the back of the enclave's one
// queue. The first envelope binds the stream to its session; the enclave
// accepting one of them (only the key holder can make it) makes the stream that session's connection, whose end journals
// a Disconnect (SessionConnections decides whether it was the last one).

/// <summary>One <c>Requests.Stream</c> call: request envelopes in, one reply per envelope out, in order.</summary>
internal sealed class RequestStream(EnclaveHost host, RateLimits limits, SessionConnections connections, StreamBudget budget, int inFlight, ServerCallContext context)
{
    private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(1);
    private readonly Channel<Pending> _pending = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(inFlight) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private SessionId _session;
    private readonly byte[] _sessionBytes = new byte[SessionId.Size];
    private SessionConnections.Stream? _connection;
    private bool _proven;

    public async Task RunAsync(IAsyncStreamReader<SealedRequest> requests, IServerStreamWriter<StreamReply> replies)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        Task writing = WriteRepliesAsync(replies, stop);
        RpcException? refused = null;
        try
        {
            try
            {
                while (await requests.MoveNext(stop.Token).ConfigureAwait(false))
                {
                    Pending next = await SubmitAsync(requests.Current.Envelope, stop.Token).ConfigureAwait(false);
                    await _pending.Writer.WriteAsync(next, stop.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _ = _pending.Writer.TryComplete();
            }
        }
        catch (RpcException e) when (!stop.IsCancellationRequested)
        {
            // Refused as a whole (another session's envelope): the replies already due are written first.
            refused = e;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && stop.IsCancellationRequested)
        {
            // The client went away, or the writer failed (its error surfaces below).
        }

        try
        {
            await writing.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException && context.CancellationToken.IsCancellationRequested)
        {
            // The client went away while replies were due: they stay in the session's event log.
        }
        finally
        {
            if (_connection is not null)
            {
                // Every end counts (completed, cancelled, dropped, refused as a whole) except the enclave stopping, whose
                // restart recovers the session and its orders exactly as journaled.
                await connections.CloseAsync(_connection, clientGone: !host.IsStopped).ConfigureAwait(false);
            }
        }

        if (refused is not null)
        {
            throw refused;
        }
    }

    private async ValueTask<Pending> SubmitAsync(ByteString envelope, CancellationToken cancel)
    {
        if (!EnvelopeHeader.TryParse(envelope.Span, out EnvelopeHeader header, out EnvelopeReject reject))
        {
            return new Pending(0, null, GatewayErrors.Envelope(reject));
        }

        if (_connection is null)
        {
            _session = header.SessionId;
            _session.WriteTo(_sessionBytes);
            _connection = connections.Open(_session, context.Peer);
        }
        else if (header.SessionId != _session)
        {
            throw GatewayErrors.BadArgument("envelope", "A stream carries the envelopes of one session only; open a stream per session.");
        }

        // The stream's one session (checked above), its rate-limit key written once when the stream was bound.
        while (!limits.TrySession(_sessionBytes, out TimeSpan retryAfter))
        {
            await Task.Delay(retryAfter < BusyPause ? BusyPause : retryAfter, cancel).ConfigureAwait(false);
        }

        await budget.TakeAsync(cancel).ConfigureAwait(false);
        try
        {
            while (true)
            {
                Task<EnclaveReply> submitted = host.SubmitAsync(envelope.Span);
                if (!submitted.IsCompletedSuccessfully || submitted.Result.Status != ReplyStatus.Busy)
                {
                    budget.ReturnWhenDone(submitted);
                    return new Pending(header.Sequence, submitted, null);
                }

                // The ring was full and nothing was consumed: the same envelope again shortly, still ahead of the next one.
                await Task.Delay(BusyPause, cancel).ConfigureAwait(false);
            }
        }
        catch
        {
            budget.Return();
            throw;
        }
    }

    private async Task WriteRepliesAsync(IServerStreamWriter<StreamReply> replies, CancellationTokenSource stop)
    {
        ChannelReader<Pending> pending = _pending.Reader;
        try
        {
            while (await pending.WaitToReadAsync(stop.Token).ConfigureAwait(false))
            {
                while (pending.TryRead(out Pending next))
                {
                    EnclaveReply? reply = next.Reply is null ? null : await next.Reply.ConfigureAwait(false);
                    StreamReply message = ToMessage(next, reply);

                    // Several answers ready: let them share one flush.
                    replies.WriteOptions = pending.TryPeek(out Pending after) && (after.Reply?.IsCompleted ?? true) ? BufferHint : null;
                    await replies.WriteAsync(message, stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            // The reader must not wait for room that will never come.
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private StreamReply ToMessage(in Pending pending, EnclaveReply? reply)
    {
        var message = new StreamReply { RequestSequence = pending.Sequence };
        RpcException? refusal = pending.Refusal;
        if (reply is { Status: ReplyStatus.Done })
        {
            if (!_proven)
            {
                // The enclave opened an envelope of this session that came over this connection: the holder is here.
                connections.Proven(_session, context.Peer);
                _proven = true;
            }

            foreach (byte[] answer in reply.Envelopes)
            {
                message.Envelopes.Add(UnsafeByteOperations.UnsafeWrap(answer));
            }

            return message;
        }

        refusal ??= GatewayErrors.Reply(reply!);
        message.RefusalCode = (int)refusal.StatusCode;
        message.RefusalReason = refusal.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? refusal.StatusCode.ToString();
        return message;
    }

    private static readonly WriteOptions BufferHint = new(WriteFlags.BufferHint);

    /// <summary>An envelope handed to the enclave (or refused before it), in stream order.</summary>
    private readonly record struct Pending(ulong Sequence, Task<EnclaveReply>? Reply, RpcException? Refusal);
}
