namespace DarkPool.Host.Sessions;

// Design:
// The event logs retain every answer for minutes (so a client can resume), which made each answer a heap object that
// survived two young collections and was copied into the old generation: at tens of thousands of answers a second the
// young collections' pauses grew with it. The retained bytes are copied instead into chunks, so a collection finds a
// handful of large arrays rather than one object per answer; once a session sends enough to need 128 KiB chunks they
// are allocated in the large object heap, never copied at all. A retained answer is named by a Slot (chunk number,
// offset, length), a plain value with no object reference: the log's queue of slots is then an array the collector
// never scans, where a queue of ReadOnlyMemory<byte> (one reference per answer, written into old arrays all the time)
// made every young collection walk the dirty cards of every busy session's queue (measured: 54-75 ms of pauses in 15 s
// at 20,000 answers/s with 512 sessions retaining 4,096 each, 24 ms with 16 each). The arena holds its chunks in order
// and the log releases those before its oldest retained slot whenever it drops answers. Each session's log has its own
// arena: a chunk holds only that session's answers, so a busy session can never keep chunks alive on behalf of a quiet
// one (a shared arena did: one answer of a quiet session pinned a whole chunk for the retention time). Chunks start at
// 4 KiB and double, so a quiet session's slack stays small. Bytes handed out are never overwritten. Not thread-safe:
// its log calls it under the log's own lock.

/// <summary>
/// Append-only storage for one session log's retained envelopes, in chunks that grow from 4 KiB to 128 KiB, released
/// oldest first; one caller at a time.
/// </summary>
public sealed class EnvelopeArena
{
    /// <summary>The first chunk's size.</summary>
    public const int FirstChunkSize = 4 * 1024;

    /// <summary>The largest chunk: above the large-object threshold (85,000 bytes), so such chunks are never copied.</summary>
    public const int MaxChunkSize = 128 * 1024;

    private readonly List<byte[]> _chunks = [];
    private long _firstChunk;
    private byte[] _chunk = [];
    private int _used;
    private int _nextSize = FirstChunkSize;

    /// <summary>Where an appended envelope lives: valid until <see cref="ReleaseBefore"/> passes its chunk.</summary>
    public readonly record struct Slot(long Chunk, int Offset, int Length);

    /// <summary>The chunks held now, oldest first (tests: what this arena keeps alive).</summary>
    public IReadOnlyCollection<byte[]> Chunks => _chunks;

    /// <summary>Copies <paramref name="bytes"/> in.</summary>
    public Slot Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxChunkSize / 4)
        {
            // Far larger than any envelope: a chunk of its own rather than most of a shared one; the next append starts
            // a new chunk, so chunks stay in append order.
            byte[] own = bytes.ToArray();
            _chunks.Add(own);
            _chunk = [];
            _used = 0;
            return new Slot(_firstChunk + _chunks.Count - 1, 0, own.Length);
        }

        if (_chunk.Length - _used < bytes.Length)
        {
            _chunk = GC.AllocateUninitializedArray<byte>(_nextSize);
            _nextSize = Math.Min(_nextSize * 2, MaxChunkSize);
            _chunks.Add(_chunk);
            _used = 0;
        }

        bytes.CopyTo(_chunk.AsSpan(_used));
        var slot = new Slot(_firstChunk + _chunks.Count - 1, _used, bytes.Length);
        _used += bytes.Length;
        return slot;
    }

    /// <summary>The bytes of a slot this arena still holds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The slot's chunk was released, or never existed.</exception>
    public ReadOnlyMemory<byte> Get(Slot slot)
    {
        long index = slot.Chunk - _firstChunk;
        ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(slot));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _chunks.Count, nameof(slot));
        return _chunks[(int)index].AsMemory(slot.Offset, slot.Length);
    }

    /// <summary>Lets go of every chunk older than <paramref name="oldestKept"/>'s (the collector frees them).</summary>
    public void ReleaseBefore(Slot oldestKept)
    {
        int drop = (int)Math.Clamp(oldestKept.Chunk - _firstChunk, 0, _chunks.Count - 1);
        _chunks.RemoveRange(0, drop);
        _firstChunk += drop;
    }

    /// <summary>Lets go of every chunk but the one being filled (nothing is retained any more).</summary>
    public void ReleaseAllButCurrent()
    {
        // The chunk being filled stays (unless the newest is an oversized envelope's own: nothing is appended to that).
        int drop = _chunks.Count > 0 && ReferenceEquals(_chunks[^1], _chunk) ? _chunks.Count - 1 : _chunks.Count;
        _chunks.RemoveRange(0, drop);
        _firstChunk += drop;
    }
}
