using System.Security.Cryptography;
using DarkPool.Enclave.Sessions.Internal;

namespace DarkPool.Enclave.Sessions;

/// <summary>
/// The SHA-256 hashes of the quotes this enclave issued recently: a handshake must name one of them, so a session is
/// bound to evidence this enclave produced. Bounded: beyond <see cref="Capacity"/> the oldest is forgotten (a client
/// that waited that long fetches evidence again). In memory only; after a restart clients fetch new evidence.
/// Thread-safe: evidence is served while handshakes are verified.
/// </summary>
public sealed class QuoteRegistry
{
    /// <summary>The default capacity.</summary>
    public const int DefaultCapacity = 4096;

    private readonly Lock _gate = new();
    private readonly HashSet<QuoteHash> _known;
    private readonly Queue<QuoteHash> _order;

    /// <summary>A registry remembering at most <paramref name="capacity"/> quotes.</summary>
    public QuoteRegistry(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _known = new HashSet<QuoteHash>(capacity);
        _order = new Queue<QuoteHash>(capacity);
    }

    /// <summary>How many quote hashes are remembered at most.</summary>
    public int Capacity { get; }

    /// <summary>How many are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _known.Count;
            }
        }
    }

    /// <summary>Remembers a quote this enclave issued (hashes it).</summary>
    public void Register(ReadOnlySpan<byte> quote)
    {
        Span<byte> hash = stackalloc byte[QuoteHash.Size];
        SHA256.HashData(quote, hash);
        RegisterHash(hash);
    }

    /// <summary>Remembers a quote by its 32-byte SHA-256.</summary>
    public void RegisterHash(ReadOnlySpan<byte> quoteHash)
    {
        var key = QuoteHash.From(quoteHash);
        lock (_gate)
        {
            if (!_known.Add(key))
            {
                return;
            }

            _order.Enqueue(key);
            if (_order.Count > Capacity)
            {
                _known.Remove(_order.Dequeue());
            }
        }
    }

    /// <summary>Whether a quote with this hash was issued and is still remembered.</summary>
    public bool Contains(ReadOnlySpan<byte> quoteHash)
    {
        if (quoteHash.Length != QuoteHash.Size)
        {
            return false;
        }

        var key = QuoteHash.From(quoteHash);
        lock (_gate)
        {
            return _known.Contains(key);
        }
    }
}
