using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Enclave.Core;

/// <summary>
/// Where the enclave's answers go while a record is executed. Spans are valid during the call only. The
/// pipeline holds them until the record that caused them is durable; replay discards them.
/// </summary>
public interface IEnclaveOutput
{
    /// <summary>A sealed response or event for a session.</summary>
    void OnEnvelope(SessionId session, ReadOnlySpan<byte> envelope);

    /// <summary>The outcome of a handshake: opened (<paramref name="reject"/> is None) or refused.</summary>
    void OnHandshake(SessionId session, HandshakeReject reject);

    /// <summary>A request envelope refused before it changed anything; the reason goes back in the clear.</summary>
    void OnEnvelopeRejected(EnvelopeReject reject);
}
