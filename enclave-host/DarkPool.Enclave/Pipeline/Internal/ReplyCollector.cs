using DarkPool.Enclave.Core;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Enclave.Pipeline.Internal;

/// <summary>
/// Gathers what executing one record produced: sealed answers for the submitting session go into its reply, sealed
/// events for any other session into the slot's list. Nothing leaves until the record is durable.
/// </summary>
/// <remarks>Sequencer thread only.</remarks>
internal sealed class ReplyCollector : IEnclaveOutput
{
    private readonly List<byte[]> _own = new(8);
    private List<(SessionId Session, byte[] Envelope)> _others = [];
    private SessionId _submitter;
    private bool _hasSubmitter;
    private EnvelopeReject _envelopeReject;
    private HandshakeReject _handshakeReject;
    private bool _handshakeAnswered;

    /// <summary>
    /// Starts a record; <paramref name="submitter"/> is the session whose answers go in the reply, if any; events for
    /// other sessions are added to <paramref name="others"/>.
    /// </summary>
    public void Begin(SessionId submitter, bool hasSubmitter, List<(SessionId Session, byte[] Envelope)> others)
    {
        _own.Clear();
        _others = others;
        _submitter = submitter;
        _hasSubmitter = hasSubmitter;
        _envelopeReject = EnvelopeReject.None;
        _handshakeReject = HandshakeReject.None;
        _handshakeAnswered = false;
    }

    /// <summary>The reply for the record just executed, which became journal record <paramref name="journalSequence"/> (0: none).</summary>
    public EnclaveReply Finish(long journalSequence)
    {
        if (_envelopeReject != EnvelopeReject.None)
        {
            return new EnclaveReply(ReplyStatus.Refused, _submitter, [], _envelopeReject, HandshakeReject.None, journalSequence);
        }

        if (_handshakeAnswered && _handshakeReject != HandshakeReject.None)
        {
            return new EnclaveReply(ReplyStatus.Refused, _submitter, [], EnvelopeReject.None, _handshakeReject, journalSequence);
        }

        return new EnclaveReply(ReplyStatus.Done, _submitter, _own.Count == 0 ? [] : _own.ToArray(), EnvelopeReject.None, HandshakeReject.None, journalSequence);
    }

    public void OnEnvelope(SessionId session, ReadOnlySpan<byte> envelope)
    {
        if (_hasSubmitter && session == _submitter)
        {
            _own.Add(envelope.ToArray());
        }
        else
        {
            _others.Add((session, envelope.ToArray()));
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
