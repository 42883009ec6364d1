using DarkPool.Enclave.Core;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Enclave.Pipeline.Internal;

/// <summary>
/// Gathers what executing one record produced: sealed answers for the submitting session go into its reply, sealed
/// events for any other session wait in the outbox queue. Nothing leaves until the batch is durable.
/// </summary>
/// <remarks>Sequencer thread only.</remarks>
internal sealed class ReplyCollector : IEnclaveOutput
{
    private readonly List<byte[]> _own = new(8);
    private SessionId _submitter;
    private bool _hasSubmitter;
    private EnvelopeReject _envelopeReject;
    private HandshakeReject _handshakeReject;
    private bool _handshakeAnswered;

    /// <summary>Events for sessions other than the submitter's, in the order they were produced, until the commit.</summary>
    public List<(SessionId Session, byte[] Envelope)> Others { get; } = new(256);

    /// <summary>Starts a record; <paramref name="submitter"/> is the session whose answers go in the reply, if any.</summary>
    public void Begin(SessionId submitter, bool hasSubmitter)
    {
        _own.Clear();
        _submitter = submitter;
        _hasSubmitter = hasSubmitter;
        _envelopeReject = EnvelopeReject.None;
        _handshakeReject = HandshakeReject.None;
        _handshakeAnswered = false;
    }

    /// <summary>The reply for the record just executed.</summary>
    public EnclaveReply Finish()
    {
        if (_envelopeReject != EnvelopeReject.None)
        {
            return new EnclaveReply(ReplyStatus.Refused, _submitter, [], _envelopeReject, HandshakeReject.None);
        }

        if (_handshakeAnswered && _handshakeReject != HandshakeReject.None)
        {
            return new EnclaveReply(ReplyStatus.Refused, _submitter, [], EnvelopeReject.None, _handshakeReject);
        }

        return new EnclaveReply(ReplyStatus.Done, _submitter, _own.Count == 0 ? [] : [.. _own], EnvelopeReject.None, HandshakeReject.None);
    }

    public void OnEnvelope(SessionId session, ReadOnlySpan<byte> envelope)
    {
        if (_hasSubmitter && session == _submitter)
        {
            _own.Add(envelope.ToArray());
        }
        else
        {
            Others.Add((session, envelope.ToArray()));
        }
    }

    public void OnHandshake(SessionId session, HandshakeReject reject)
    {
        _submitter = session;
        _hasSubmitter = true;
        _handshakeAnswered = true;
        _handshakeReject = reject;
    }

    public void OnEnvelopeRejected(EnvelopeReject reject) => _envelopeReject = reject;
}
