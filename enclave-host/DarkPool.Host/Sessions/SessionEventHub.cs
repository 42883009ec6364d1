using System.Collections.Concurrent;
using DarkPool.Enclave.Pipeline;
using DarkPool.Protocol;

namespace DarkPool.Host.Sessions;

/// <summary>
/// Every session's event log; the enclave's outbox delivers into it and request answers are added to it. A log keeps the
/// newest <c>capacityPerSession</c> envelopes released within the retention time (judged when a log is read), as long
/// as the logs' shared ring of <c>ringBytes</c> still holds them (the oldest bytes of all sessions are overwritten
/// first). Memory is the ring's, fixed at start, whatever the number of sessions.
/// </summary>
public sealed class SessionEventHub : ISessionOutbox
{
    private readonly ConcurrentDictionary<SessionId, SessionEventLog> _logs = new();
    private readonly int _capacity;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _time;
    private readonly EnvelopeRing _ring;

    /// <summary>The shared ring's default size: 256 MiB, ~38 s of every session's answers at 20,000 answers a second.</summary>
    public const int DefaultRingBytes = 256 * 1024 * 1024;

    /// <summary>
    /// A hub whose logs keep the newest <paramref name="capacityPerSession"/> envelopes each, for at most
    /// <paramref name="retention"/> (default 5 minutes); the envelopes of all logs share a ring of
    /// <paramref name="ringBytes"/> bytes.
    /// </summary>
    public SessionEventHub(int capacityPerSession = 4096, TimeSpan? retention = null, TimeProvider? time = null, int ringBytes = DefaultRingBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerSession, 1);
        _capacity = capacityPerSession;
        _ring = new EnvelopeRing(ringBytes);
        _retention = retention ?? TimeSpan.FromMinutes(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_retention, TimeSpan.Zero, nameof(retention));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The ring every log's retained envelopes share (tests and diagnostics).</summary>
    public EnvelopeRing Ring => _ring;

    /// <summary>How long an envelope stays available for a resume at most.</summary>
    public TimeSpan Retention => _retention;

    /// <summary>Starts the log of a session the enclave opened (or recovered), at the response sequence it continues from.</summary>
    public void Open(SessionId session, ulong nextSequence) => _logs.TryAdd(session, new SessionEventLog(_capacity, _ring, nextSequence, _time, _retention));

    /// <summary>The log of a session the enclave opened; false for any other id (a subscriber cannot create logs).</summary>
    public bool TryGet(SessionId session, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SessionEventLog? log) => _logs.TryGetValue(session, out log);

    /// <summary>The log of <paramref name="session"/>; created at the first envelope's sequence if the enclave never announced it.</summary>
    public SessionEventLog For(SessionId session) => _logs.GetOrAdd(session, static (_, hub) => new SessionEventLog(hub._capacity, hub._ring, 0, hub._time, hub._retention), this);

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
