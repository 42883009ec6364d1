namespace DarkPool.Disruptor;

/// <summary>
/// Spins briefly, then gives the core away with <see cref="Thread.Yield"/> on every further check:
/// low latency, and other runnable threads still get the core.
/// </summary>
/// <remarks>
/// A good default when consumers and producers together outnumber the cores but latency matters;
/// an idle consumer still shows as busy because it keeps yielding.
/// </remarks>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    private readonly int _spinTries;

    /// <summary>Creates the strategy.</summary>
    /// <param name="spinTries">Checks made with a processor pause before yielding starts.</param>
    public YieldingWaitStrategy(int spinTries = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spinTries);
        _spinTries = spinTries;
    }

    /// <inheritdoc/>
    public bool IsBlocking => false;

    /// <inheritdoc/>
    public long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier)
    {
        ArgumentNullException.ThrowIfNull(dependents);
        ArgumentNullException.ThrowIfNull(barrier);
        int counter = _spinTries;
        long available;
        while ((available = dependents.Value) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return available;
            }

            if (counter > 0)
            {
                counter--;
                Thread.SpinWait(1);
            }
            else
            {
                Thread.Yield();
            }
        }

        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
    }
}
