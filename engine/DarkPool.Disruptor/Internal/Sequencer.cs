namespace DarkPool.Disruptor.Internal;

// Design:
// The sequencer hands out ring positions to producers and tells consumers which positions are
// published. It owns the cursor (see the subclasses for whether that is the highest published or the
// highest claimed position) and the gating sequences: the sequences of the last consumers, which the
// producers must never lap. The gating array is replaced, never mutated (copy on write through
// Interlocked.CompareExchange), so a producer reads a consistent snapshot with one Volatile.Read.
// The wait strategy is told about every publish only when it blocks (SignalOnPublish), so the
// spinning strategies cost nothing on the producer side.

/// <summary>
/// Coordinates claims and publication between producers and consumers of one ring buffer.
/// </summary>
internal abstract class Sequencer
{
    private Sequence[] _gatingSequences = [];

    protected Sequencer(int bufferSize, IWaitStrategy waitStrategy)
    {
        SequenceMath.ValidateBufferSize(bufferSize);
        ArgumentNullException.ThrowIfNull(waitStrategy);
        BufferSize = bufferSize;
        WaitStrategy = waitStrategy;
        SignalOnPublish = waitStrategy.IsBlocking;
    }

    /// <summary>Number of slots; a power of two.</summary>
    public int BufferSize { get; }

    /// <summary>The position consumers wait on.</summary>
    public Sequence Cursor { get; } = new();

    /// <summary>The strategy consumers use to wait for the cursor.</summary>
    public IWaitStrategy WaitStrategy { get; }

    /// <summary>
    /// Whether the cursor only ever covers published slots; when not, a consumer reading the cursor
    /// directly must also check <see cref="GetHighestPublishedSequence"/>.
    /// </summary>
    public abstract bool CursorIsPublished { get; }

    /// <summary>Whether a publish must wake blocked consumers.</summary>
    protected bool SignalOnPublish { get; }

    /// <summary>A snapshot of the gating sequences.</summary>
    protected Sequence[] GatingSequences => Volatile.Read(ref _gatingSequences);

    /// <summary>Claims <paramref name="n"/> positions, waiting for space; returns the highest.</summary>
    public abstract long Next(int n);

    /// <summary>Claims <paramref name="n"/> positions, waiting for space until cancelled; returns the highest.</summary>
    public abstract long Next(int n, CancellationToken cancellationToken);

    /// <summary>Claims <paramref name="n"/> positions only if there is space now.</summary>
    public abstract bool TryNext(int n, out long sequence);

    /// <summary>Makes <paramref name="sequence"/> visible to consumers.</summary>
    public abstract void Publish(long sequence);

    /// <summary>Makes the inclusive range visible to consumers.</summary>
    public abstract void Publish(long lo, long hi);

    /// <summary>Whether <paramref name="sequence"/> has been published (and not yet lapped).</summary>
    public abstract bool IsAvailable(long sequence);

    /// <summary>
    /// The highest sequence in [<paramref name="lowerBound"/>, <paramref name="availableSequence"/>]
    /// such that it and everything below it is published; <paramref name="lowerBound"/> - 1 when none.
    /// </summary>
    public abstract long GetHighestPublishedSequence(long lowerBound, long availableSequence);

    /// <summary>Whether <paramref name="requiredCapacity"/> slots could be claimed now.</summary>
    public abstract bool HasAvailableCapacity(int requiredCapacity);

    /// <summary>Slots that could be claimed now.</summary>
    public abstract long RemainingCapacity();

    /// <summary>The smallest gating sequence, or the cursor when there is none.</summary>
    public long GetMinimumSequence() => SequenceMath.GetMinimumSequence(GatingSequences, Cursor.Value);

    /// <summary>Adds sequences the producers must not lap.</summary>
    public void AddGatingSequences(Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        Sequence[] current;
        Sequence[] updated;
        do
        {
            current = Volatile.Read(ref _gatingSequences);
            updated = [.. current, .. sequences];
        }
        while (Interlocked.CompareExchange(ref _gatingSequences, updated, current) != current);
    }

    /// <summary>Removes every occurrence of <paramref name="sequence"/> from the gating sequences.</summary>
    public bool RemoveGatingSequence(Sequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        Sequence[] current;
        Sequence[] updated;
        do
        {
            current = Volatile.Read(ref _gatingSequences);
            updated = Array.FindAll(current, s => !ReferenceEquals(s, sequence));
            if (updated.Length == current.Length)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _gatingSequences, updated, current) != current);

        return true;
    }

    /// <summary>Validates the size of a claim.</summary>
    protected void ValidateClaim(int n)
    {
        if ((uint)(n - 1) >= (uint)BufferSize)
        {
            ThrowHelper.ThrowBatchSizeOutOfRange(n, BufferSize);
        }
    }
}
