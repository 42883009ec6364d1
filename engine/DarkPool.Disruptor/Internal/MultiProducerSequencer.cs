using System.Runtime.CompilerServices;

namespace DarkPool.Disruptor.Internal;

// Design:
// Any number of producer threads claim and publish concurrently. The cursor is the highest *claimed*
// sequence: Next(n) claims with one Interlocked.Add (wait-free, a full fence) and only then waits for
// space, which is safe because the claim can always be honoured once consumers move on. The
// cancellable Next and TryNext must not own positions they might give back, so they check capacity
// first and claim with a compare-and-swap on the cursor.
//
// Because producers publish out of order, the cursor alone cannot tell a consumer what is readable.
// Each slot has an entry in the availability buffer holding the lap number (sequence >> log2(size))
// of the last publication in it. A producer writes its slot, then stores the lap with Volatile.Write
// (release); a consumer reads the lap with Volatile.Read (acquire) and only then the slot. A consumer
// scans from the first sequence it wants up to the cursor and stops at the first slot whose lap is not
// the expected one, so it never sees a claimed-but-unpublished slot, nor one from the previous lap.
//
// _gatingCache is a lower bound of the slowest consumer shared by all producers. Any producer may
// store into it (the only Sequence with several writers); a stale, lower value is harmless because it
// only sends a producer to the slow path to read the real gating sequences again.

/// <summary>A sequencer for any number of concurrent producer threads.</summary>
internal sealed class MultiProducerSequencer : Sequencer
{
    private readonly Sequence _gatingCache = new();
    private readonly int[] _availableLaps;
    private readonly int _indexMask;
    private readonly int _lapShift;

    public MultiProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _availableLaps = new int[bufferSize];
        Array.Fill(_availableLaps, -1);
        _indexMask = bufferSize - 1;
        _lapShift = int.Log2(bufferSize);
    }

    /// <inheritdoc/>
    public override bool CursorIsPublished => false;

    /// <inheritdoc/>
    public override long Next(int n)
    {
        ValidateClaim(n);
        long next = Cursor.AddAndGet(n);
        long wrapPoint = next - BufferSize;
        if (wrapPoint > _gatingCache.Value)
        {
            WaitForCapacity(wrapPoint, next);
        }

        return next;
    }

    /// <inheritdoc/>
    public override long Next(int n, CancellationToken cancellationToken)
    {
        ValidateClaim(n);
        SpinWait spinner = default;
        while (true)
        {
            if (TryClaim(n, out long next))
            {
                return next;
            }

            cancellationToken.ThrowIfCancellationRequested();
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <inheritdoc/>
    public override bool TryNext(int n, out long sequence)
    {
        ValidateClaim(n);
        return TryClaim(n, out sequence);
    }

    /// <inheritdoc/>
    public override void Publish(long sequence)
    {
        SetAvailable(sequence);
        if (SignalOnPublish)
        {
            WaitStrategy.SignalAllWhenBlocking();
        }
    }

    /// <inheritdoc/>
    public override void Publish(long lo, long hi)
    {
        if (hi < lo)
        {
            ThrowHelper.ThrowPublishRangeInvalid(lo, hi);
        }

        for (long sequence = lo; sequence <= hi; sequence++)
        {
            SetAvailable(sequence);
        }

        if (SignalOnPublish)
        {
            WaitStrategy.SignalAllWhenBlocking();
        }
    }

    /// <inheritdoc/>
    public override bool IsAvailable(long sequence) =>
        Volatile.Read(ref _availableLaps[(int)sequence & _indexMask]) == (int)(sequence >>> _lapShift);

    /// <inheritdoc/>
    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence)
    {
        for (long sequence = lowerBound; sequence <= availableSequence; sequence++)
        {
            if (!IsAvailable(sequence))
            {
                return sequence - 1;
            }
        }

        return availableSequence;
    }

    /// <inheritdoc/>
    public override bool HasAvailableCapacity(int requiredCapacity)
    {
        long current = Cursor.Value;
        long wrapPoint = current + requiredCapacity - BufferSize;
        return wrapPoint <= _gatingCache.Value || RefreshCapacity(wrapPoint, current);
    }

    /// <inheritdoc/>
    public override long RemainingCapacity()
    {
        long produced = Cursor.Value;
        long consumed = SequenceMath.GetMinimumSequence(GatingSequences, produced);
        return BufferSize - (produced - consumed);
    }

    private bool TryClaim(int n, out long sequence)
    {
        while (true)
        {
            long current = Cursor.Value;
            long next = current + n;
            long wrapPoint = next - BufferSize;
            if (wrapPoint > _gatingCache.Value && !RefreshCapacity(wrapPoint, current))
            {
                sequence = default;
                return false;
            }

            if (Cursor.CompareAndSet(current, next))
            {
                sequence = next;
                return true;
            }
        }
    }

    private void SetAvailable(long sequence) =>
        Volatile.Write(ref _availableLaps[(int)sequence & _indexMask], (int)(sequence >>> _lapShift));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RefreshCapacity(long wrapPoint, long current)
    {
        long minimum = SequenceMath.GetMinimumSequence(GatingSequences, current);
        _gatingCache.SetValue(minimum);
        return wrapPoint <= minimum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long wrapPoint, long claimed)
    {
        SpinWait spinner = default;
        while (!RefreshCapacity(wrapPoint, claimed))
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
