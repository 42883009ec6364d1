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
    {
        Status = status;
        Session = session;
        Envelopes = envelopes;
        EnvelopeReject = envelopeReject;
        HandshakeReject = handshakeReject;
    }

    /// <summary>The answer to a submission the ring had no room for: nothing was done; retry later.</summary>
    public static EnclaveReply Busy { get; } = new(ReplyStatus.Busy, default, [], EnvelopeReject.None, HandshakeReject.None);

    /// <summary>Done, refused, or busy.</summary>
    public ReplyStatus Status { get; }

    /// <summary>The session the submission belongs to (default for operator records).</summary>
    public SessionId Session { get; }

    /// <summary>Sealed answers for <see cref="Session"/>, in order.</summary>
    public IReadOnlyList<byte[]> Envelopes { get; }

    /// <summary>Why a request envelope was refused (None otherwise).</summary>
    public EnvelopeReject EnvelopeReject { get; }

    /// <summary>Why a handshake was refused (None otherwise).</summary>
    public HandshakeReject HandshakeReject { get; }
}
