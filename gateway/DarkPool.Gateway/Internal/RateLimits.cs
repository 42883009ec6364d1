using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace DarkPool.Gateway.Internal;

/// <summary>
/// Token buckets per connection (peer address), per session (its id, read from the envelope's clear header) and for
/// attestation evidence per connection. Buckets that have refilled completely and were not asked for a token since the
/// sweep before are swept away every ten seconds: a full bucket is the same as a new one, so the sweep bounds memory by
/// the peers and sessions active in the last ten to twenty seconds without changing any limit. Buckets in use are kept
/// even when full (a busy server's sessions refill between calls): dropping them made every active session's bucket
/// again after each sweep, objects that then outlived a young collection for nothing.
/// </summary>
internal sealed class RateLimits : IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, TokenBucket> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenBucket> _evidence = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<UInt128, TokenBucket> _sessions = new();
    private readonly GatewayOptions _options;
    private readonly Timer? _sweeper;

    public RateLimits(IOptions<GatewayOptions> options)
        : this(options, sweepPeriodically: true)
    {
    }

    internal RateLimits(IOptions<GatewayOptions> options, bool sweepPeriodically)
    {
        _options = options.Value;
        if (sweepPeriodically)
        {
            _sweeper = new Timer(_ => Sweep(Stopwatch.GetTimestamp()), null, SweepInterval, SweepInterval);
        }
    }

    /// <summary>How many buckets exist now (diagnostics and tests).</summary>
    public int BucketCount => _connections.Count + _evidence.Count + _sessions.Count;

    public bool TryConnection(string peer, out TimeSpan retryAfter) => TryConnection(peer, Stopwatch.GetTimestamp(), out retryAfter);

    public bool TryConnection(string peer, long now, out TimeSpan retryAfter) =>
        _connections.GetOrAdd(peer, static (_, s) => new TokenBucket(s.Rate, s.Now), (Rate: _options.CallsPerSecondPerConnection, Now: now)).TryTake(now, out retryAfter);

    public bool TryEvidence(string peer, out TimeSpan retryAfter)
    {
        long now = Stopwatch.GetTimestamp();
        return _evidence.GetOrAdd(peer, static (_, s) => new TokenBucket(s.Rate, s.Now), (Rate: _options.EvidencePerSecondPerConnection, Now: now)).TryTake(now, out retryAfter);
    }

    public bool TrySession(ReadOnlySpan<byte> sessionId, out TimeSpan retryAfter) => TrySession(sessionId, Stopwatch.GetTimestamp(), out retryAfter);

    public bool TrySession(ReadOnlySpan<byte> sessionId, long now, out TimeSpan retryAfter)
    {
        UInt128 key = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(sessionId);
        return _sessions.GetOrAdd(key, static (_, s) => new TokenBucket(s.Rate, s.Now), (Rate: _options.RequestsPerSecondPerSession, Now: now)).TryTake(now, out retryAfter);
    }

    /// <summary>
    /// Drops every bucket that is full at <paramref name="now"/> and was not asked for a token in the last sweep interval.
    /// A take racing the removal lands on the dropped bucket and the next call starts a full one: at most one extra call
    /// per bucket per sweep, never fewer.
    /// </summary>
    public void Sweep(long now)
    {
        long idle = (long)(SweepInterval.TotalSeconds * Stopwatch.Frequency);
        SweepOne(_connections, now, idle);
        SweepOne(_evidence, now, idle);
        SweepOne(_sessions, now, idle);
    }

    public void Dispose() => _sweeper?.Dispose();

    private static void SweepOne<TKey>(ConcurrentDictionary<TKey, TokenBucket> buckets, long now, long idle)
        where TKey : notnull
    {
        foreach (KeyValuePair<TKey, TokenBucket> entry in buckets)
        {
            if (entry.Value.IsIdle(now, idle))
            {
                _ = buckets.TryRemove(entry);
            }
        }
    }
}
