namespace DarkPool.Enclave.Sessions;

/// <summary>
/// Limits of the session table. They are part of its state: a snapshot restores only under the same options. Memory
/// per open session is about <c>IdempotencyWindow × 265 + ReplayWindow × 16</c> bytes (8.9 KB with the defaults).
/// </summary>
public sealed record SessionTableOptions
{
    /// <summary>Open sessions plus remembered closed ones, at most. Default 10,000.</summary>
    public int MaxSessions { get; init; } = 10_000;

    /// <summary>
    /// Client request ids remembered per session with their outcomes. Default 32: a retry of any of a session's last
    /// 32 requests gets the original outcome; an older id is refused (never run twice).
    /// </summary>
    public int IdempotencyWindow { get; init; } = 32;

    /// <summary>Accepted request envelopes per session whose exact copies are reported as replays (older ones as stale). Default 32.</summary>
    public int ReplayWindow { get; init; } = 32;

    /// <summary>The furthest ahead a handshake's expiry may be, in milliseconds. Default 10 minutes.</summary>
    public long MaxHandshakeLifetimeMs { get; init; } = 10 * 60 * 1000;

    /// <summary>Throws when a limit is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSessions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxSessions, 10_000_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(IdempotencyWindow, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(IdempotencyWindow, 4096);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplayWindow, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReplayWindow, 4096);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHandshakeLifetimeMs, 1);
    }
}
