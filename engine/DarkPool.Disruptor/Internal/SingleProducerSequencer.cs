using System.Runtime.CompilerServices;

namespace DarkPool.Disruptor.Internal;

// Design:
// Exactly one producer thread calls Next/TryNext/Publish. It owns _state (highest claimed, cached
// gating minimum), plain fields that no other thread touches, padded against false sharing. Claiming
// is therefore just arithmetic: no atomic instruction. The cursor is the highest *published*
// sequence, written with Volatile.Write (release) after the producer has written the slots, so a
// consumer that reads the cursor with acquire semantics sees the slot contents.
//
// The producer caches the gating minimum and only re-reads the consumers' sequences when a claim
// would pass the cached value, i.e. about once per lap instead of once per event. The re-read is in
// a NoInlining slow path that starts with a full fence, so the reads of the consumer sequences are
// not ordered before the producer's last cursor store (StoreLoad): a consumer that is waiting for
// that store and a producer waiting for that consumer cannot both read stale values forever.
//
// Capacity invariant: a claim up to `next` is granted only when next - bufferSize <= min(gating),
// so a slot is reused only after every gating consumer has moved past its previous occupant.

/// <summary>A sequencer for exactly one producer thread.</summary>
internal sealed class SingleProducerSequencer : Sequencer
{
    private ProducerState _state;

    public SingleProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _state.NextValue = Sequence.InitialValue;
        _state.CachedGatingValue = Sequence.InitialValue;
    }

    /// <inheritdoc/>
    public override bool CursorIsPublished => true;

    /// <inheritdoc/>
    public override long Next(int n) => Next(n, CancellationToken.None);

    /// <inheritdoc/>
    public override long Next(int n, CancellationToken cancellationToken)
    {
        ValidateClaim(n);
        long next = _state.NextValue + n;
        if (next - BufferSize > _state.CachedGatingValue)
        {
            WaitForCapacity(next - BufferSize, cancellationToken);
        }

        _state.NextValue = next;
        return next;
    }

    /// <inheritdoc/>
    public override bool TryNext(int n, out long sequence)
    {
        ValidateClaim(n);
        long next = _state.NextValue + n;
        if (next - BufferSize > _state.CachedGatingValue && !RefreshCapacity(next - BufferSize))
        {
            sequence = default;
            return false;
        }

        _state.NextValue = next;
        sequence = next;
        return true;
    }

    /// <inheritdoc/>
    public override void Publish(long sequence)
    {
        Cursor.SetValue(sequence);
        if (SignalOnPublish)
        {
            WaitStrategy.SignalAllWhenBlocking();
        }
    }

    /// <inheritdoc/>
    public override void Publish(long lo, long hi) => Publish(hi);

    /// <inheritdoc/>
    public override bool IsAvailable(long sequence)
    {
        long cursor = Cursor.Value;
        return sequence <= cursor && sequence > cursor - BufferSize;
    }

    /// <inheritdoc/>
    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence) => availableSequence;

    /// <inheritdoc/>
    public override bool HasAvailableCapacity(int requiredCapacity)
    {
        long wrapPoint = _state.NextValue + requiredCapacity - BufferSize;
        return wrapPoint <= _state.CachedGatingValue || RefreshCapacity(wrapPoint);
    }

    /// <inheritdoc/>
    public override long RemainingCapacity()
    {
        long produced = _state.NextValue;
        long consumed = SequenceMath.GetMinimumSequence(GatingSequences, produced);
        return BufferSize - (produced - consumed);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RefreshCapacity(long wrapPoint)
    {
        Interlocked.MemoryBarrier();
        long minimum = SequenceMath.GetMinimumSequence(GatingSequences, _state.NextValue);
        _state.CachedGatingValue = minimum;
        return wrapPoint <= minimum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long wrapPoint, CancellationToken cancellationToken)
    {
        SpinWait spinner = default;
        while (!RefreshCapacity(wrapPoint))
        {
            cancellationToken.ThrowIfCancellationRequested();
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
