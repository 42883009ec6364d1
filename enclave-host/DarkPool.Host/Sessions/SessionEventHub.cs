using System.Collections.Concurrent;
using DarkPool.Enclave.Pipeline;
using DarkPool.Protocol;

namespace DarkPool.Host.Sessions;

/// <summary>Every session's event log; the enclave's outbox delivers into it and request answers are added to it.</summary>
public sealed class SessionEventHub : ISessionOutbox
{
    private readonly ConcurrentDictionary<SessionId, SessionEventLog> _logs = new();
    private readonly int _capacity;

    /// <summary>A hub whose logs keep the newest <paramref name="capacityPerSession"/> envelopes each.</summary>
    public SessionEventHub(int capacityPerSession = 4096) => _capacity = capacityPerSession;

    /// <summary>The log of <paramref name="session"/> (created empty on first use).</summary>
    public SessionEventLog For(SessionId session) => _logs.GetOrAdd(session, _ => new SessionEventLog(_capacity));

    /// <inheritdoc/>
    public void Deliver(SessionId session, byte[] envelope) => For(session).Add(envelope);

    /// <summary>Adds a request's durable answers to its session's log.</summary>
    public void Record(SessionId session, IReadOnlyList<byte[]> envelopes)
    {
        SessionEventLog log = For(session);
        foreach (byte[] envelope in envelopes)
        {
            log.Add(envelope);
        }
    }
}
