using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Enclave.Core;

/// <summary>Replay's output: the answers were released before the crash (or never were); only the state matters.</summary>
public sealed class DiscardOutput : IEnclaveOutput
{
    /// <summary>The one instance.</summary>
    public static DiscardOutput Instance { get; } = new();

    private DiscardOutput()
    {
    }

    /// <inheritdoc/>
    public void OnEnvelope(SessionId session, ReadOnlySpan<byte> envelope)
    {
    }

    /// <inheritdoc/>
    public void OnHandshake(SessionId session, HandshakeReject reject)
    {
    }

    /// <inheritdoc/>
    public void OnEnvelopeRejected(EnvelopeReject reject)
    {
    }
}
