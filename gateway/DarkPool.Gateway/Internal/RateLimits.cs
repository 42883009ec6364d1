using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace DarkPool.Gateway.Internal;

/// <summary>
/// Token buckets per connection (peer address), per session (its id, read from the envelope's clear header) and for
/// attestation evidence per connection. Buckets that have refilled completely are swept away every few seconds: a full
/// bucket is the same as a new one, so the sweep bounds memory by the peers and sessions active in the last second or
/// so without changing any limit.
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
    /// Drops every bucket that is full at <paramref name="now"/>. A take racing the removal lands on the dropped bucket
    /// and the next call starts a full one: at most one extra call per bucket per sweep, never fewer.
    /// </summary>
    public void Sweep(long now)
    {
        SweepOne(_connections, now);
        SweepOne(_evidence, now);
        SweepOne(_sessions, now);
    }

    public void Dispose() => _sweeper?.Dispose();

    private static void SweepOne<TKey>(ConcurrentDictionary<TKey, TokenBucket> buckets, long now)
        where TKey : notnull
    {
        foreach (KeyValuePair<TKey, TokenBucket> entry in buckets)
        {
            if (entry.Value.IsFull(now))
            {
                _ = buckets.TryRemove(entry);
            }
        }
    }
}
