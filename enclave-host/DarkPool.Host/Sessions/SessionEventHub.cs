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

    /// <summary>Starts the log of a session the enclave opened (or recovered), at the response sequence it continues from.</summary>
    public void Open(SessionId session, ulong nextSequence) => _logs.TryAdd(session, new SessionEventLog(_capacity, nextSequence));

    /// <summary>The log of a session the enclave opened; false for any other id (a subscriber cannot create logs).</summary>
    public bool TryGet(SessionId session, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SessionEventLog? log) => _logs.TryGetValue(session, out log);

    /// <summary>The log of <paramref name="session"/>; created at the first envelope's sequence if the enclave never announced it.</summary>
    public SessionEventLog For(SessionId session) => _logs.GetOrAdd(session, _ => new SessionEventLog(_capacity, 0));

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
