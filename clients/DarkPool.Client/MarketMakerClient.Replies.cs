using DarkPool.Gateway.V1;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using Grpc.Core;

namespace DarkPool.Client;

/// <summary>The reply side of the stream: pairing replies with requests, opening answers in order, refusals and resends.</summary>
public sealed partial class MarketMakerClient
{
    private async Task ReadRepliesAsync()
    {
        Status ended = new(StatusCode.Unavailable, "The stream ended.");
        try
        {
            while (await _call.ResponseStream.MoveNext(_stop.Token).ConfigureAwait(false))
            {
                OnReply(_call.ResponseStream.Current);
            }
        }
        catch (RpcException e)
        {
            ended = e.Status;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            ended = new Status(StatusCode.Cancelled, "The client ended the stream.");
        }

        Break(ended);
    }

    private void OnReply(StreamReply reply)
    {
        Sent? head;
        lock (_gate)
        {
            if (!_sent.TryDequeue(out head))
            {
                return; // The gateway answered more than was sent: nothing to pair it with.
            }
        }

        if (head.Superseded)
        {
            return; // Refused after an earlier refusal broke the sequence; it has been (or will be) sent again.
        }

        Pending pending = head.Request;
        if (reply.RefusalCode != 0)
        {
            OnRefused(head, reply);
            return;
        }

        ulong last = 0;
        foreach (Google.Protobuf.ByteString answer in reply.Envelopes)
        {
            byte[] bytes = answer.ToByteArray();
            if (EnvelopeHeader.TryParse(bytes, out EnvelopeHeader header, out _))
            {
                last = Math.Max(last, header.Sequence);
            }

            _ = _orderer.Add(bytes);
        }

        lock (_answers)
        {
            if (last == 0)
            {
                // Executed but nothing to open (a duplicate still in flight): no authenticated answer.
                Complete(pending, RequestOutcome.Unknown, new Status(StatusCode.DataLoss, "No authenticated answer to this request arrived."));
            }
            else if (_openedThrough >= last)
            {
                Complete(pending, RequestOutcome.Answered, null);
            }
            else
            {
                // Events for this session came first (a fill of a resting quote); the event stream brings them.
                pending.LastSequence = last;
                _awaitingOpen.Enqueue(pending);
            }
        }
    }

    /// <summary>A refusal: nothing ran, except where the reason says the outcome is unknown.</summary>
    private void OnRefused(Sent head, StreamReply reply)
    {
        string reason = reply.RefusalReason;
        var status = new Status((StatusCode)reply.RefusalCode, reason);
        bool consumedNothing = reason is "GAP" or "EXPIRED" or "UNKNOWN_SESSION" or "SESSION_CLOSED" or "REQUEST_ID_TOO_OLD"
            || reply.RefusalCode == (int)StatusCode.InvalidArgument;
        if (!consumedNothing)
        {
            // REPLAY, STALE (that sequence was used before), ENCLAVE_STOPPED: it may have run.
            lock (_answers)
            {
                Complete(head.Request, RequestOutcome.Unknown, status);
            }

            return;
        }

        bool resend = reason == "GAP" && !head.Request.Resent;
        lock (_gate)
        {
            // Everything sent after it was refused too (a gap): send it all again, in order, from this sequence.
            _rewindTo = _rewindTo == 0 ? head.Sequence : Math.Min(_rewindTo, head.Sequence);
            if (resend)
            {
                head.Request.Resent = true;
                _resend.Add(head.Request);
            }

            foreach (Sent later in _sent)
            {
                later.Superseded = true;
                _resend.Add(later.Request);
            }
        }

        if (!resend)
        {
            lock (_answers)
            {
                Complete(head.Request, RequestOutcome.Refused, status);
            }
        }

        _ = Task.Run(ResendAsync);
    }

    /// <summary>Resends what a refusal broke when no request comes along to do it first.</summary>
    private async Task ResendAsync()
    {
        try
        {
            await _sending.WaitAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            await WriteAsync(null).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Called by the orderer, in order, under its lock, for every response it opens.</summary>
    private void OnOpened(ulong sequence, DecodedResponse response)
    {
        lock (_answers)
        {
            _openedThrough = sequence;
            if (response.ClientRequestId != 0 && _byId.TryGetValue(response.ClientRequestId, out Pending? asked))
            {
                asked.Answers.Add(response);
            }

            while (_awaitingOpen.TryPeek(out Pending? waiting) && waiting.LastSequence <= sequence)
            {
                _ = _awaitingOpen.Dequeue();
                Complete(waiting, RequestOutcome.Answered, null);
            }
        }
    }

    /// <summary>Completes a request (under <see cref="_answers"/>).</summary>
    private void Complete(Pending pending, RequestOutcome outcome, Status? status)
    {
        _ = _byId.Remove(pending.RequestId);
        IReadOnlyList<DecodedResponse> answers = outcome == RequestOutcome.Answered ? [.. pending.Answers] : [];
        if (outcome == RequestOutcome.Answered && answers.Count == 0)
        {
            (outcome, status) = (RequestOutcome.Unknown, new Status(StatusCode.DataLoss, "No authenticated answer to this request arrived."));
        }

        _ = pending.Completion.TrySetResult(new RequestResult(outcome, pending.RequestId, answers, status));
    }

    /// <summary>The stream is gone: every request still pending ends unknown, and later ones are refused at once.</summary>
    private void Break(Status status)
    {
        List<Pending> left;
        lock (_gate)
        {
            _broken ??= status;
            left = [.. _sent.Where(s => !s.Superseded).Select(s => s.Request), .. _resend];
            _sent.Clear();
            _resend.Clear();
        }

        lock (_answers)
        {
            foreach (Pending pending in left.Concat(_awaitingOpen).Concat(_byId.Values.ToList()))
            {
                Complete(pending, RequestOutcome.Unknown, status);
            }

            _awaitingOpen.Clear();
        }
    }

    /// <summary>One request: its re-sealer, its answers as they are opened, its result.</summary>
    private sealed class Pending(Func<ulong, byte[]> seal)
    {
        public Func<ulong, byte[]> Seal { get; } = seal;

        public ulong RequestId { get; set; }

        /// <summary>The last response sequence of its reply (under the client's answer lock).</summary>
        public ulong LastSequence { get; set; }

        /// <summary>Resent once after a gap (under the client's gate).</summary>
        public bool Resent { get; set; }

        public List<DecodedResponse> Answers { get; } = [];

        public TaskCompletionSource<RequestResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<RequestResult> Result => Completion.Task;
    }

    /// <summary>One envelope written to the stream, in order; superseded when a refusal before it broke the sequence.</summary>
    private sealed class Sent(Pending request, ulong sequence)
    {
        public Pending Request { get; } = request;

        public ulong Sequence { get; } = sequence;

        /// <summary>Written and read under the client's gate.</summary>
        public bool Superseded { get; set; }
    }
}
