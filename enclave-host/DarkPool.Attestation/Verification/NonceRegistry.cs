using System.Security.Cryptography;

namespace DarkPool.Attestation.Verification;

/// <summary>
/// Issues verifier nonces and accepts each at most once, within a lifetime. The time comes from the given
/// <see cref="TimeProvider"/>, so tests decide what "now" is. Thread-safe.
/// </summary>
public sealed class NonceRegistry
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>A registry whose nonces are good for <paramref name="lifetime"/> after they are issued.</summary>
    public NonceRegistry(TimeProvider time, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _time = time;
        _lifetime = lifetime;
    }

    /// <summary>How long a nonce stays acceptable after it is issued.</summary>
    public TimeSpan Lifetime => _lifetime;

    /// <summary>A new random 32-byte nonce, recorded with the current time.</summary>
    public byte[] Issue()
    {
        byte[] nonce = RandomNumberGenerator.GetBytes(Binding.ReportDataBinding.NonceSize);
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            Prune(now);
            _entries.Add(Convert.ToHexString(nonce), new Entry(now, Consumed: false));
        }

        return nonce;
    }

    /// <summary>Consumes the nonce if it is fresh; otherwise says why not and changes nothing.</summary>
    public NonceStatus Consume(ReadOnlySpan<byte> nonce)
    {
        string key = Convert.ToHexString(nonce);
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out Entry entry))
            {
                return NonceStatus.Unknown;
            }

            if (entry.Consumed)
            {
                return NonceStatus.Replayed;
            }

            if (now - entry.IssuedAt > _lifetime || now < entry.IssuedAt)
            {
                return NonceStatus.Expired;
            }

            _entries[key] = entry with { Consumed = true };
            return NonceStatus.Fresh;
        }
    }

    // Entries are kept for twice the lifetime, so that a replay just after expiry still reads "replayed".
    private void Prune(DateTimeOffset now)
    {
        List<string>? stale = null;
        foreach (KeyValuePair<string, Entry> pair in _entries)
        {
            if (now - pair.Value.IssuedAt > 2 * _lifetime)
            {
                (stale ??= []).Add(pair.Key);
            }
        }

        if (stale is not null)
        {
            foreach (string key in stale)
            {
                _entries.Remove(key);
            }
        }
    }

    private readonly record struct Entry(DateTimeOffset IssuedAt, bool Consumed);
}
