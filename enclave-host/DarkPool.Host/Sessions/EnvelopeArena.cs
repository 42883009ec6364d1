namespace DarkPool.Host.Sessions;

// Design:
// The event logs retain every answer for minutes (so a client can resume), which made each answer a heap object that
// survived two young collections and was copied into the old generation: at tens of thousands of answers a second the
// young collections' pauses grew with it. The retained bytes are copied instead into chunks, so a collection finds a
// handful of large arrays rather than one object per answer; once a session sends enough to need 128 KiB chunks they
// are allocated in the large object heap, never copied at all. (64 KiB chunks in the small-object heap were tried:
// every one was copied twice as it aged, and a 60 s run at 40,000/s had 8 full collections instead of 4 and fell
// further behind.) While the logs fill, those large-object allocations still start a full collection now and then; once
// they are full, released chunks come back from the pool below and nothing is allocated. A retained answer is named by
// a Slot (chunk number, offset, length), a plain value with no object reference: the log's queue of slots is then an
// array the collector never scans, where a queue of ReadOnlyMemory<byte> (one reference per answer, written into old
// arrays all the time) made every young collection walk the dirty cards of every busy session's queue (measured: 54-75
// ms of pauses in 15 s at 20,000 answers/s with 512 sessions retaining 4,096 each, 24 ms with 16 each). The arena holds
// its chunks in order and the log releases those before its oldest retained slot whenever it drops answers. Each
// session's log has its own arena: a chunk holds only that session's answers, so a busy session can never keep chunks
// alive on behalf of a quiet one (a shared arena did: one answer of a quiet session pinned a whole chunk for the
// retention time). Chunks start at 4 KiB and double, so a quiet session's slack stays small. Released full-size chunks
// go to a small pool shared by all arenas and are taken from it before a new one is allocated: at 40,000 answers/s with
// every log full the arenas turn over ~14 MB of chunks a second, which the pool recycles instead of the collector. A
// pooled chunk is only ever reused after its log let go of every slot in it (nothing else reads a log's chunks), and it
// held ciphertext only. Not thread-safe (the pool is): its log calls it under the log's own lock.

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

    /// <summary>How many released full-size chunks the shared pool keeps at most (16 MiB); more go to the collector.</summary>
    public const int PooledChunks = 128;

    private readonly ChunkPool _pool;
    private readonly List<byte[]> _chunks = [];
    private long _firstChunk;
    private byte[] _chunk = [];
    private int _used;
    private int _nextSize = FirstChunkSize;

    /// <summary>An arena whose full-size chunks come from and go back to the pool shared by all arenas.</summary>
    public EnvelopeArena()
        : this(ChunkPool.Shared)
    {
    }

    /// <summary>An arena on its own pool (tests).</summary>
    internal EnvelopeArena(ChunkPool pool) => _pool = pool;

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
            _chunk = _nextSize == MaxChunkSize ? _pool.Rent() : GC.AllocateUninitializedArray<byte>(_nextSize);
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
        Drop((int)Math.Clamp(oldestKept.Chunk - _firstChunk, 0, _chunks.Count - 1));
    }

    /// <summary>Lets go of every chunk but the one being filled (nothing is retained any more).</summary>
    public void ReleaseAllButCurrent()
    {
        // The chunk being filled stays (unless the newest is an oversized envelope's own: nothing is appended to that).
        Drop(_chunks.Count > 0 && ReferenceEquals(_chunks[^1], _chunk) ? _chunks.Count - 1 : _chunks.Count);
    }

    /// <summary>Lets go of the oldest <paramref name="count"/> chunks; full-size ones go back to the pool while it has room.</summary>
    private void Drop(int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (_chunks[i].Length == MaxChunkSize)
            {
                _pool.Return(_chunks[i]);
            }
        }

        _chunks.RemoveRange(0, count);
        _firstChunk += count;
    }
}

/// <summary>Released full-size (128 KiB) arena chunks, up to <see cref="EnvelopeArena.PooledChunks"/>; thread-safe.</summary>
internal sealed class ChunkPool
{
    private readonly Stack<byte[]> _free = new();
    private readonly Lock _gate = new();

    /// <summary>The pool every arena uses unless given its own.</summary>
    public static ChunkPool Shared { get; } = new();

    /// <summary>How many chunks wait to be reused.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _free.Count;
            }
        }
    }

    /// <summary>A released chunk, or a new one.</summary>
    public byte[] Rent()
    {
        lock (_gate)
        {
            if (_free.TryPop(out byte[]? chunk))
            {
                return chunk;
            }
        }

        return GC.AllocateUninitializedArray<byte>(EnvelopeArena.MaxChunkSize);
    }

    /// <summary>Keeps <paramref name="chunk"/> for reuse while there is room; its old bytes are overwritten by the next renter.</summary>
    public void Return(byte[] chunk)
    {
        lock (_gate)
        {
            if (_free.Count < EnvelopeArena.PooledChunks)
            {
                _free.Push(chunk);
            }
        }
    }
}
