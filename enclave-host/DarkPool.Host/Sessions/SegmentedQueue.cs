namespace DarkPool.Host.Sessions;

// Design:
// A FIFO for the event logs' retained entries in fixed 16 KiB segments rather than one array that doubles: a log keeps
// up to 4,096 entries, and Queue<T>'s array for that many 32-byte entries is 128 KiB, a large-object allocation per
// busy session (512 of them as the logs filled made ~64 MB of large-object allocations, each counting toward the budget
// that starts a full collection). Segments stay in the small-object heap; an emptied head segment is kept as the one
// spare for the next tail, so a log at its limit allocates nothing.

/// <summary>A first-in first-out queue of unmanaged entries in fixed-size segments; not thread-safe.</summary>
internal sealed class SegmentedQueue<T>
    where T : unmanaged
{
    private readonly int _segmentLength;
    private readonly Queue<T[]> _segments = new();
    private T[]? _spare;
    private T[] _tailSegment = [];
    private int _head;
    private int _tail;

    public SegmentedQueue()
    {
        _segmentLength = Math.Max(16, (16 * 1024) / System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
    }

    /// <summary>How many entries are queued.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="item"/> at the tail.</summary>
    public void Enqueue(in T item)
    {
        if (_segments.Count == 0 || _tail == _segmentLength)
        {
            _tailSegment = _spare ?? new T[_segmentLength];
            _spare = null;
            _segments.Enqueue(_tailSegment);
            _tail = 0;
        }

        _tailSegment[_tail++] = item;
        Count++;
    }

    /// <summary>The entry at the head.</summary>
    /// <exception cref="InvalidOperationException">The queue is empty.</exception>
    public ref readonly T Peek()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The queue is empty.");
        }

        return ref _segments.Peek()[_head];
    }

    /// <summary>Removes the entry at the head.</summary>
    /// <exception cref="InvalidOperationException">The queue is empty.</exception>
    public void Dequeue()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The queue is empty.");
        }

        Count--;
        if (++_head == _segmentLength || Count == 0)
        {
            _spare = _segments.Dequeue();
            _head = 0;
            if (_segments.Count == 0)
            {
                _tail = 0;
            }
        }
    }

    /// <summary>The entries from head to tail.</summary>
    public IEnumerable<T> Items()
    {
        int segment = 0;
        foreach (T[] entries in _segments)
        {
            int from = segment == 0 ? _head : 0;
            int to = segment == _segments.Count - 1 ? _tail : _segmentLength;
            for (int i = from; i < to; i++)
            {
                yield return entries[i];
            }

            segment++;
        }
    }
}
