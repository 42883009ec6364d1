namespace DarkPool.Disruptor;

/// <summary>
/// Spins on the dependents with a processor pause between reads: the lowest latency, one core fully
/// burnt per waiting consumer.
/// </summary>
/// <remarks>
/// Only for a consumer that has a core to itself. With more spinning threads than cores the OS
/// preempts the thread that would make progress and throughput collapses.
/// </remarks>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    /// <inheritdoc/>
    public bool IsBlocking => false;

    /// <inheritdoc/>
    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier)
    {
        ArgumentNullException.ThrowIfNull(dependents);
        ArgumentNullException.ThrowIfNull(barrier);
        long available;
        while ((available = dependents.Value) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return available;
            }

            Thread.SpinWait(1);
        }

        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
    }
}
