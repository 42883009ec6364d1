namespace DarkPool.Enclave.Journal.Internal;

/// <summary>
/// The chain hashes of the most recent records, so that a snapshot taken at a recent position can record the hash
/// at that position. Not thread-safe: the journal guards it with its state lock.
/// </summary>
internal sealed class HashRing
{
    private const int HashSize = JournalRecordLayout.HashSize;
    private readonly byte[] _hashes;
    private readonly int _capacity;
    private long _oldest = 1;
    private long _newest;

    public HashRing(int capacity)
    {
        _capacity = capacity;
        _hashes = new byte[checked(capacity * HashSize)];
    }

    /// <summary>The last sequence stored, 0 when none.</summary>
    public long Newest => _newest;

    /// <summary>Stores the hash of <paramref name="sequence"/>; a sequence that does not follow the last one stored starts the ring afresh.</summary>
    public void Set(long sequence, ReadOnlySpan<byte> hash)
    {
        if (sequence != _newest + 1)
        {
            _oldest = sequence;
        }

        hash[..HashSize].CopyTo(_hashes.AsSpan(Slot(sequence), HashSize));
        _newest = sequence;
    }

    /// <summary>Copies the hash of <paramref name="sequence"/> if it is still held.</summary>
    public bool TryGet(long sequence, Span<byte> hash)
    {
        if (sequence < _oldest || sequence > _newest || sequence <= _newest - _capacity)
        {
            return false;
        }

        _hashes.AsSpan(Slot(sequence), HashSize).CopyTo(hash);
        return true;
    }

    private int Slot(long sequence) => (int)(sequence % _capacity) * HashSize;
}
