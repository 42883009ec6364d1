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
// By default only the cursor is slept on. Waiting for upstream stages (dependents) spins with
// SpinWait, which yields and eventually sleeps, because processors do not signal when they advance:
// that would put a fence on every batch of every stage. A strategy made with OnUpstreamStages sleeps
// on the dependents instead, with the same protocol: the upstream processors are the publishers
// (BatchEventProcessor.WakeAfterEachBatch stores the processor's sequence, fences, reads the flag).
// It has its own gate, so a publish to the ring does not wake that stage at all: on two cores, a
// stage woken by every publish only to spin and yield until the stage before it caught up cost more
// than the stage's own work (docs/RINGBUFFER.md, "Wait strategies").

/// <summary>
/// Sleeps on a monitor until a publish (or, made with <see cref="OnUpstreamStages"/>, an upstream stage's batch) or an
/// alert wakes it: no CPU burnt while idle, a few microseconds of wake-up latency.
/// </summary>
/// <remarks>
/// The default, because it is the only strategy that stays correct and cheap when threads outnumber
/// cores. Producers pay a full fence per publish (or per batch with <see cref="RingBuffer{T}.Publish(long, long)"/>)
/// and take the lock only when a consumer may be asleep.
/// </remarks>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private readonly bool _onUpstreamStages;
    private int _sleepersMayExist;

    /// <summary>Sleeps on the ring's cursor, which publishers signal; spins on upstream stages.</summary>
    public BlockingWaitStrategy()
    {
    }

    private BlockingWaitStrategy(bool onUpstreamStages) => _onUpstreamStages = onUpstreamStages;

    /// <summary>
    /// A strategy for a stage behind other stages that sleeps until they reach its sequence, instead of being woken by
    /// every publish and spinning on them. Give it to the stage's barrier (<see cref="RingBuffer{T}.NewBarrier(IWaitStrategy, Sequence[])"/>)
    /// and have every upstream processor wake it (<see cref="BatchEventProcessor{T, THandler}.WakeAfterEachBatch"/>):
    /// nothing else signals it, so a stage whose upstream does not wake it sleeps until it is halted.
    /// </summary>
    public static BlockingWaitStrategy OnUpstreamStages() => new(onUpstreamStages: true);

    /// <inheritdoc/>
    public bool IsBlocking => true;

    /// <inheritdoc/>
    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(dependents);
        ArgumentNullException.ThrowIfNull(barrier);
        if (Position(cursor, dependents) < sequence)
        {
            lock (_gate)
            {
                while (Position(cursor, dependents) < sequence)
                {
                    Interlocked.Exchange(ref _sleepersMayExist, 1);
                    if (Position(cursor, dependents) >= sequence)
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

    // What this strategy sleeps on: the cursor, or the slowest upstream stage.
    private long Position(Sequence cursor, DependentSequences dependents) => _onUpstreamStages ? dependents.Value : cursor.Value;

    private void WakeAll()
    {
        lock (_gate)
        {
            Volatile.Write(ref _sleepersMayExist, 0);
            Monitor.PulseAll(_gate);
        }
    }
}
