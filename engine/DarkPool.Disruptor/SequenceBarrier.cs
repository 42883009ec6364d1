using DarkPool.Disruptor.Internal;

namespace DarkPool.Disruptor;

// Design:
// A barrier belongs to one consumer (or to one stage whose processors stop together). The consumer
// thread calls WaitFor; any thread may call Alert to make it return early, which is how processors
// are halted. _alerted is written with Volatile.Write and read with Volatile.Read; Alert then wakes
// sleeping waiters through the wait strategy, whose own protocol (see BlockingWaitStrategy) makes
// sure a waiter that checked the flag just before it was set still gets the wake-up.
//
// WaitFor first reads the dependents without calling the wait strategy, so a consumer that is
// behind pays one interface call per wait, not per batch. When the consumer follows a
// multi-producer cursor directly, the cursor counts claims, so the result is clipped to the highest
// contiguous published sequence. Behind upstream stages no clipping is needed: a stage's sequence
// never passes what its own barrier returned, so by induction it only covers published slots.

/// <summary>
/// Tells a consumer how far it may read: up to the ring's published cursor, or up to the slowest of
/// the stages it depends on.
/// </summary>
/// <remarks>
/// Public because chaining stages (decrypt workers, then the journaler, then the engine) is done by
/// giving each stage a barrier on the previous stage's sequences.
/// </remarks>
public sealed class SequenceBarrier
{
    private readonly Sequencer _sequencer;
    private readonly IWaitStrategy _waitStrategy;
    private readonly DependentSequences _dependents;
    private readonly bool _clipToPublished;
    private int _alerted;

    internal SequenceBarrier(Sequencer sequencer, IWaitStrategy waitStrategy, Sequence[] dependents)
    {
        _sequencer = sequencer;
        _waitStrategy = waitStrategy;
        _dependents = new DependentSequences(sequencer.Cursor, dependents);
        _clipToPublished = _dependents.Count == 0 && !sequencer.CursorIsPublished;
    }

    /// <summary>Whether <see cref="Alert"/> was called since the last <see cref="ClearAlert"/>.</summary>
    public bool IsAlerted => Volatile.Read(ref _alerted) != 0;

    /// <summary>The sequences this barrier waits for.</summary>
    public DependentSequences Dependents => _dependents;

    /// <summary>
    /// Waits until <paramref name="sequence"/> may be read and returns the highest sequence that may be
    /// read, so the caller can handle the whole range as one batch.
    /// </summary>
    /// <param name="sequence">The next sequence the consumer wants.</param>
    /// <returns>
    /// At least <paramref name="sequence"/> when it is readable. A smaller value means nothing was
    /// waited for: the barrier is alerted (check <see cref="IsAlerted"/>), or a multi-producer claim
    /// at <paramref name="sequence"/> is not published yet and the caller should simply wait again.
    /// </returns>
    public long WaitFor(long sequence)
    {
        if (IsAlerted)
        {
            return sequence - 1;
        }

        long available = _dependents.Value;
        if (available < sequence)
        {
            available = _waitStrategy.WaitFor(sequence, _sequencer.Cursor, _dependents, this);
            if (available < sequence)
            {
                return available;
            }
        }

        return _clipToPublished ? _sequencer.GetHighestPublishedSequence(sequence, available) : available;
    }

    /// <summary>Makes the current and every later <see cref="WaitFor"/> return early, waking sleepers.</summary>
    public void Alert()
    {
        Volatile.Write(ref _alerted, 1);
        _waitStrategy.SignalAllWhenBlocking();
    }

    /// <summary>Re-arms the barrier after an <see cref="Alert"/>, before its consumer runs again.</summary>
    public void ClearAlert() => Volatile.Write(ref _alerted, 0);
}
