using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace DarkPool.Gateway.Internal;

/// <summary>Token buckets per connection (peer address) and per session (its id, read from the envelope's clear header).</summary>
internal sealed class RateLimits
{
    private readonly ConcurrentDictionary<string, TokenBucket> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<UInt128, TokenBucket> _sessions = new();
    private readonly GatewayOptions _options;

    public RateLimits(IOptions<GatewayOptions> options) => _options = options.Value;

    public bool TryConnection(string peer, out TimeSpan retryAfter) =>
        _connections.GetOrAdd(peer, _ => new TokenBucket(_options.CallsPerSecondPerConnection)).TryTake(out retryAfter);

    public bool TrySession(ReadOnlySpan<byte> sessionId, out TimeSpan retryAfter)
    {
        UInt128 key = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(sessionId);
        return _sessions.GetOrAdd(key, _ => new TokenBucket(_options.RequestsPerSecondPerSession)).TryTake(out retryAfter);
    }
}
