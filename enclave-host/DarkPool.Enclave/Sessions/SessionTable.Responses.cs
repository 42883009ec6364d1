using DarkPool.Enclave.Sessions.Internal;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;

namespace DarkPool.Enclave.Sessions;

/// <summary>Sealing responses and events.</summary>
public sealed partial class SessionTable
{
    /// <summary>
    /// Encodes and seals a response or event to a session with its next response sequence number, into
    /// <paramref name="destination"/> (at least <see cref="EnvelopeLayout.StandardEnvelopeSize"/> bytes). When
    /// <paramref name="clientRequestId"/> names a request of this session still in flight, this message becomes that
    /// request's recorded outcome (so the first answer to a request is what a resubmission gets back). Pass 0 for an
    /// event no request of this session caused.
    /// </summary>
    /// <exception cref="ArgumentException">The body is not well formed or the destination is too small.</exception>
    public bool TrySealResponse<T>(SessionId sessionId, ulong clientRequestId, long timeUnixMs, in T body, Span<byte> destination, out int written, out ResponseSealError error)
        where T : struct, IResponseBody<T>
    {
        written = 0;
        if (!TryGetSealable(sessionId, out Session? session, out error))
        {
            return false;
        }

        if (Replaying && clientRequestId == 0)
        {
            // Nobody receives it and no outcome is recorded from it: only the sequence number moves, as it did live.
            session.NextSend++;
            return true;
        }

        _message.ResetWrittenCount();
        ResponseCodec.Write(_message, clientRequestId, timeUnixMs, body);
        written = Seal(session, _message.WrittenSpan, destination);
        if (clientRequestId != 0)
        {
            session.Requests!.TryComplete(clientRequestId, _message.WrittenSpan);
        }

        return true;
    }

    /// <summary>
    /// Seals, as a new response, the recorded outcome of an already processed request: the answer to a
    /// <see cref="RequestDisposition.Duplicate"/>. The outcome bytes are exactly those first sealed.
    /// </summary>
    public bool TrySealOutcome(SessionId sessionId, ulong clientRequestId, Span<byte> destination, out int written, out ResponseSealError error)
    {
        written = 0;
        if (!TryGetSealable(sessionId, out Session? session, out error))
        {
            return false;
        }

        if (session.Requests!.Find(clientRequestId, out int slot) != RequestLookup.Complete)
        {
            error = ResponseSealError.OutcomeNotAvailable;
            return false;
        }

        written = Seal(session, session.Requests.OutcomeOf(slot), destination);
        return true;
    }

    /// <summary>The recorded outcome message (MessagePack, unsealed) of a processed request, for tests and diagnostics.</summary>
    public bool TryGetOutcome(SessionId sessionId, ulong clientRequestId, out ReadOnlySpan<byte> outcome)
    {
        outcome = default;
        if (!_sessions.TryGetValue(sessionId, out Session? session) || !session.IsOpen
            || session.Requests!.Find(clientRequestId, out int slot) != RequestLookup.Complete)
        {
            return false;
        }

        outcome = session.Requests.OutcomeOf(slot);
        return true;
    }

    /// <summary>
    /// While true (journal replay, whose answers nobody receives), responses advance their session's sequence and record
    /// outcomes exactly as live, but are not encrypted: the state is the same, the AES work is skipped.
    /// </summary>
    public bool Replaying { get; set; }

    /// <summary>
    /// The first four bytes of every response nonce: a value that differs at every start of the enclave (the runtime sets
    /// the journal's monotonic counter value before the pipeline starts). Response sequence numbers alone could repeat
    /// after a host cut released records off the journal; with the epoch the nonce does not.
    /// </summary>
    public uint NonceEpoch { get; set; }

    private int Seal(Session session, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        if (Replaying)
        {
            session.NextSend++;
            return 0;
        }

        var header = new EnvelopeHeader(EnvelopeKind.Response, ResponseCodec.SizeClass, session.Id, session.NextSend);
        Span<byte> nonce = stackalloc byte[EnvelopeLayout.NonceSize];
        EnvelopeLayout.WriteNonce(NonceEpoch, session.NextSend, nonce);
        int written = EnvelopeCipher.Seal(session.SealKey!, header, nonce, message, destination);
        session.NextSend++;
        return written;
    }

    private bool TryGetSealable(SessionId sessionId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Session? session, out ResponseSealError error)
    {
        bool open = TryGetOpen(sessionId, out session, out EnvelopeReject reject);
        error = open ? ResponseSealError.None
            : reject == EnvelopeReject.SessionClosed ? ResponseSealError.SessionClosed
            : ResponseSealError.UnknownSession;
        return open;
    }
}
