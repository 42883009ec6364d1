using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Enclave.Pipeline;

/// <summary>
/// What the enclave answers one submission with, released only once the record it caused is durable: the sealed
/// envelopes for the submitting session, or why it was refused. Events for other sessions go to the outbox.
/// </summary>
public sealed class EnclaveReply
{
    internal EnclaveReply(ReplyStatus status, SessionId session, IReadOnlyList<byte[]> envelopes, EnvelopeReject envelopeReject, HandshakeReject handshakeReject)
        : this(status, session, envelopes, envelopeReject, handshakeReject, 0)
    {
    }

    internal EnclaveReply(ReplyStatus status, SessionId session, IReadOnlyList<byte[]> envelopes, EnvelopeReject envelopeReject, HandshakeReject handshakeReject, long journalSequence)
    {
        Status = status;
        Session = session;
        Envelopes = envelopes;
        EnvelopeReject = envelopeReject;
        HandshakeReject = handshakeReject;
        JournalSequence = journalSequence;
    }

    /// <summary>The answer to a submission the ring had no room for: nothing was done; retry later.</summary>
    public static EnclaveReply Busy { get; } = new(ReplyStatus.Busy, default, [], EnvelopeReject.None, HandshakeReject.None);

    /// <summary>Done, with nothing to say (a control request).</summary>
    internal static EnclaveReply Empty { get; } = new(ReplyStatus.Done, default, [], EnvelopeReject.None, HandshakeReject.None);

    /// <summary>The answer once the enclave has stopped (its journal failed): the outcome of the submission is unknown.</summary>
    public static EnclaveReply Stopped { get; } = new(ReplyStatus.Stopped, default, [], EnvelopeReject.None, HandshakeReject.None);

    /// <summary>Refused before it reached the ring: an envelope that cannot be one, or a handshake that did not verify.</summary>
    internal static EnclaveReply Refuse(EnvelopeReject envelopeReject, HandshakeReject handshakeReject) =>
        new(ReplyStatus.Refused, default, [], envelopeReject, handshakeReject);

    /// <summary>Done, refused, busy, or stopped.</summary>
    public ReplyStatus Status { get; }

    /// <summary>The session the submission belongs to (default for operator records).</summary>
    public SessionId Session { get; }

    /// <summary>Sealed answers for <see cref="Session"/>, in order.</summary>
    public IReadOnlyList<byte[]> Envelopes { get; }

    /// <summary>Why a request envelope was refused (None otherwise).</summary>
    public EnvelopeReject EnvelopeReject { get; }

    /// <summary>Why a handshake was refused (None otherwise).</summary>
    public HandshakeReject HandshakeReject { get; }

    /// <summary>
    /// The journal sequence of the record this submission became (durable when the reply is released), or 0 when it
    /// was not journaled (refused, busy, stopped).
    /// </summary>
    public long JournalSequence { get; }
}
