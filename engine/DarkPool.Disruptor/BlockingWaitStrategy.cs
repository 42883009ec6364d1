namespace DarkPool.Disruptor;

// Design:
// Waiters sleep on a monitor until the cursor reaches their sequence; publishers wake them. To keep
// the publish path free of the lock while nobody sleeps, a waiter raises _sleepersMayExist (with
// Interlocked.Exchange, a full fence) under the lock *before* its last check of the cursor and of
// the barrier's alert flag, and a publisher or alerter issues a full fence *after* its store of the
// cursor or the alert flag and before reading _sleepersMayExist. This is the store-then-load pattern
// on both sides (Dekker): at least one of them sees the other's store, so either the waiter sees the
// new cursor and does not sleep, or the publisher sees the flag, takes the lock (which the waiter
// only releases inside Monitor.Wait) and pulses. The flag is cleared by the signaller that wakes
// everybody; waiters that go back to sleep raise it again.
//
// Only the cursor is slept on. Waiting for upstream stages (dependents) spins with SpinWait, which
// yields and eventually sleeps, because processors do not signal when they advance: that would put
// a fence on every batch of every stage.

/// <summary>
/// Sleeps on a monitor until a publish or an alert wakes it: no CPU burnt while idle, a few
/// microseconds of wake-up latency.
/// </summary>
/// <remarks>
/// The default, because it is the only strategy that stays correct and cheap when threads outnumber
/// cores. Producers pay a full fence per publish (or per batch with <see cref="RingBuffer{T}.Publish(long, long)"/>)
/// and take the lock only when a consumer may be asleep.
/// </remarks>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private int _sleepersMayExist;

    /// <inheritdoc/>
    public bool IsBlocking => true;

    /// <inheritdoc/>
    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(dependents);
        ArgumentNullException.ThrowIfNull(barrier);
        if (cursor.Value < sequence)
        {
            lock (_gate)
            {
                while (cursor.Value < sequence)
                {
                    Interlocked.Exchange(ref _sleepersMayExist, 1);
                    if (cursor.Value >= sequence)
                    {
                        break;
                    }

                    if (barrier.IsAlerted)
                    {
                        return sequence - 1;
                    }

                    Monitor.Wait(_gate);
                }
            }
        }

        SpinWait spinner = default;
        long available;
        while ((available = dependents.Value) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return available;
            }

            spinner.SpinOnce();
        }

        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _sleepersMayExist) != 0)
        {
            WakeAll();
        }
    }

    private void WakeAll()
    {
        lock (_gate)
        {
            Volatile.Write(ref _sleepersMayExist, 0);
            Monitor.PulseAll(_gate);
        }
    }
}
