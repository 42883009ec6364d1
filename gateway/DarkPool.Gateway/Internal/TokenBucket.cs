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
    private long _last = Stopwatch.GetTimestamp();

    public TokenBucket(double ratePerSecond)
    {
        _rate = ratePerSecond;
        _burst = Math.Max(1, ratePerSecond);
        _tokens = _burst;
    }

    /// <summary>Takes one token, or says how long until one is there.</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            long now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (Stopwatch.GetElapsedTime(_last, now).TotalSeconds * _rate));
            _last = now;
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
}
