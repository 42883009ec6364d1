using System.Diagnostics;

namespace DarkPool.Gateway.Internal;

/// <summary>
/// A token bucket refilled continuously; burst = one second of the rate, and at least one request (so a rate below one
/// per second still admits one request, then one every 1/rate seconds). Thread-safe by a lock (calls are short).
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly double _rate;
    private readonly double _burst;
    private double _tokens;
    private long _last;
    private long _lastAsked;

    public TokenBucket(double ratePerSecond, long now)
    {
        _rate = ratePerSecond;
        _burst = Math.Max(1, ratePerSecond);
        _tokens = _burst;
        _last = now;
        _lastAsked = now;
    }

    public TokenBucket(double ratePerSecond)
        : this(ratePerSecond, Stopwatch.GetTimestamp())
    {
    }

    /// <summary>Takes one token, or says how long until one is there.</summary>
    public bool TryTake(out TimeSpan retryAfter) => TryTake(Stopwatch.GetTimestamp(), out retryAfter);

    /// <summary>Takes one token at <paramref name="now"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public bool TryTake(long now, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            Refill(now);
            _lastAsked = Math.Max(_lastAsked, now);
            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - _tokens) / _rate);
            return false;
        }
    }

    /// <summary>
    /// True when the bucket has refilled to its burst by <paramref name="now"/> (it is then indistinguishable from a new
    /// bucket, so dropping it changes nothing a caller can observe) and nobody asked it for a token in the last
    /// <paramref name="idleTicks"/> (a bucket in use is kept: dropped, it would only be made again by the next call).
    /// </summary>
    public bool IsIdle(long now, long idleTicks)
    {
        lock (_gate)
        {
            Refill(now);
            return _tokens >= _burst && now - _lastAsked >= idleTicks;
        }
    }

    private void Refill(long now)
    {
        if (now > _last)
        {
            _tokens = Math.Min(_burst, _tokens + (Stopwatch.GetElapsedTime(_last, now).TotalSeconds * _rate));
            _last = now;
        }
    }
}
