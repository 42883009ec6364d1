namespace DarkPool.Disruptor;

/// <summary>
/// Spins, then yields, then sleeps a millisecond between checks: little CPU when idle, at the price
/// of about a millisecond of latency for the first event after a pause.
/// </summary>
/// <remarks>
/// For background consumers (audit, metrics) where latency does not matter. Producers never pay
/// for it: nothing is signalled on publish.
/// </remarks>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    private readonly int _spinTries;
    private readonly int _yieldTries;

    /// <summary>Creates the strategy.</summary>
    /// <param name="spinTries">Checks made with a processor pause before yielding.</param>
    /// <param name="yieldTries">Checks made with <see cref="Thread.Yield"/> before sleeping.</param>
    public SleepingWaitStrategy(int spinTries = 100, int yieldTries = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spinTries);
        ArgumentOutOfRangeException.ThrowIfNegative(yieldTries);
        _spinTries = spinTries;
        _yieldTries = yieldTries;
    }

    /// <inheritdoc/>
    public bool IsBlocking => false;

    /// <inheritdoc/>
    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier)
    {
        ArgumentNullException.ThrowIfNull(dependents);
        ArgumentNullException.ThrowIfNull(barrier);
        int spins = _spinTries;
        int yields = _yieldTries;
        long available;
        while ((available = dependents.Value) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return available;
            }

            if (spins > 0)
            {
                spins--;
                Thread.SpinWait(1);
            }
            else if (yields > 0)
            {
                yields--;
                Thread.Yield();
            }
            else
            {
                Thread.Sleep(1);
            }
        }

        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
    }
}
