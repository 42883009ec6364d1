using System.Buffers;
using DarkPool.Enclave.Sessions.Internal;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Internal;

namespace DarkPool.Enclave.Sessions;

/// <summary>
/// Every session the enclave knows: keys, sequence counters, replay and idempotency windows, tombstones of closed
/// sessions. It is enclave state like the engine's: every change is a function of the journaled inputs (verified
/// handshakes, envelopes, the times the pipeline stamps, responses) in journal order, so replay rebuilds it exactly,
/// and <see cref="WriteSnapshot"/> / <see cref="TryRestore"/> carry it across a snapshot with the same
/// <see cref="ComputeStateHash"/>.
/// </summary>
/// <remarks>
/// Design: single-threaded. The pipeline's sequencing thread owns the table; nothing here locks. Handshake
/// verification (<see cref="HandshakeVerifier"/>) is separate and may run anywhere. Times are Unix milliseconds from
/// the enclave's clock as stamped into journaled commands and must not go backwards. A refused call changes nothing.
/// </remarks>
public sealed partial class SessionTable : IDisposable
{
    private readonly Dictionary<SessionId, Session> _sessions;
    private readonly byte[] _plaintext = new byte[EnvelopeLayout.MaxEnvelopeSize];
    private readonly BatchArrays _batchArrays = new(); // the internal (pipeline) paths' batch items, see TryOpenRequestInPlace
    private readonly ArrayBufferWriter<byte> _message = new(EnvelopeLayout.StandardPlaintextSize);

    /// <summary>An empty table.</summary>
    public SessionTable(SessionTableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _sessions = new Dictionary<SessionId, Session>(Math.Min(options.MaxSessions, 1024));
    }

    /// <summary>The table's limits.</summary>
    public SessionTableOptions Options { get; }

    /// <summary>Sessions held: open ones and remembered closed ones.</summary>
    public int Count => _sessions.Count;

    /// <summary>Open sessions.</summary>
    public int OpenCount { get; private set; }

    /// <summary>
    /// Opens the session of a verified handshake at <paramref name="nowUnixMs"/>. Refuses an expired handshake, one
    /// whose expiry is too far ahead, an id already held (a replayed handshake), and a full table.
    /// </summary>
    public bool TryOpenSession(VerifiedHandshake handshake, long nowUnixMs, out HandshakeReject reject)
    {
        ArgumentNullException.ThrowIfNull(handshake);
        reject = nowUnixMs > handshake.ExpiresAtUnixMs ? HandshakeReject.Expired
            : (ulong)handshake.ExpiresAtUnixMs - (ulong)nowUnixMs > (ulong)Options.MaxHandshakeLifetimeMs ? HandshakeReject.ExpiryTooFar
            : _sessions.ContainsKey(handshake.SessionId) ? HandshakeReject.SessionExists
            : _sessions.Count >= Options.MaxSessions && ForgetClosed(nowUnixMs) == 0 ? HandshakeReject.TooManySessions
            : HandshakeReject.None;
        if (reject != HandshakeReject.None)
        {
            return false;
        }

        var session = new Session(handshake.SessionId, handshake.Account, handshake.Flags, handshake.ExpiresAtUnixMs, nowUnixMs);
        session.Open(handshake.Keys.ClientToEnclave, handshake.Keys.EnclaveToClient, Options.ReplayWindow, Options.IdempotencyWindow);
        _sessions.Add(session.Id, session);
        OpenCount++;
        return true;
    }

    /// <summary>Closes a session: its keys and windows are forgotten, its id is remembered as closed.</summary>
    public bool TryClose(SessionId sessionId, long nowUnixMs, out EnvelopeReject reject)
    {
        if (!TryGetOpen(sessionId, out Session? session, out reject))
        {
            return false;
        }

        session.Close(nowUnixMs);
        OpenCount--;
        return true;
    }

    /// <summary>
    /// Forgets closed sessions whose handshake has expired (a replay of it would be refused as expired anyway) and
    /// returns how many. The table also does this by itself when it is full.
    /// </summary>
    public int ForgetClosed(long nowUnixMs)
    {
        List<SessionId>? forgettable = null;
        foreach (Session session in _sessions.Values)
        {
            if (session.IsForgettable(nowUnixMs))
            {
                (forgettable ??= []).Add(session.Id);
            }
        }

        foreach (SessionId id in forgettable ?? [])
        {
            _sessions.Remove(id);
        }

        return forgettable?.Count ?? 0;
    }

    /// <summary>What the table holds about a session; false when it holds nothing.</summary>
    public bool TryGetSession(SessionId sessionId, out SessionInfo info)
    {
        if (!_sessions.TryGetValue(sessionId, out Session? s))
        {
            info = default;
            return false;
        }

        info = new SessionInfo(s.Id, s.Account, s.Flags, s.IsOpen, s.OpenedAt, s.ClosedAt, s.HandshakeExpiresAt,
            s.NextReceive, s.NextSend, s.Requests?.Highest ?? 0);
        return true;
    }

    /// <summary>The open sessions' ids and next response sequences (what a host needs to resume their event logs after a restart).</summary>
    public List<(SessionId Session, ulong NextResponseSequence)> OpenSessionCursors() =>
        [.. _sessions.Values.Where(s => s.IsOpen).Select(s => (s.Id, s.NextSend))];

    /// <summary>Disposes every session's ciphers and clears their keys.</summary>
    public void Dispose()
    {
        foreach (Session session in _sessions.Values)
        {
            if (session.IsOpen)
            {
                session.Close(session.ClosedAt);
            }
        }

        _sessions.Clear();
        OpenCount = 0;
    }

    private bool TryGetOpen(SessionId sessionId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Session? session, out EnvelopeReject reject)
    {
        if (!_sessions.TryGetValue(sessionId, out session))
        {
            reject = EnvelopeReject.UnknownSession;
            return false;
        }

        if (!session.IsOpen)
        {
            session = null;
            reject = EnvelopeReject.SessionClosed;
            return false;
        }

        reject = EnvelopeReject.None;
        return true;
    }
}
