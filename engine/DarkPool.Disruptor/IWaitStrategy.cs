namespace DarkPool.Disruptor;

/// <summary>
/// How a consumer waits for a sequence to become available: the trade between latency and the CPU
/// burnt while idle.
/// </summary>
/// <remarks>
/// Public so the pipeline can choose per ring (busy spin for the latency-critical engine ring on a
/// dedicated core, blocking where threads outnumber cores) and so tests can supply their own.
/// </remarks>
public interface IWaitStrategy
{
    /// <summary>
    /// Whether waiters may sleep on a monitor and so need <see cref="SignalAllWhenBlocking"/> after every
    /// publish; producers skip the call entirely when this is <see langword="false"/>.
    /// </summary>
    bool IsBlocking { get; }

    /// <summary>Waits until <paramref name="dependents"/> reach <paramref name="sequence"/> or the barrier is alerted.</summary>
    /// <param name="sequence">The sequence the consumer wants next.</param>
    /// <param name="cursor">The ring's cursor, which a blocking strategy sleeps on.</param>
    /// <param name="dependents">What the consumer really waits for: the cursor, or its upstream stages.</param>
    /// <param name="barrier">Checked for <see cref="SequenceBarrier.IsAlerted"/> while waiting.</param>
    /// <returns>
    /// The value of <paramref name="dependents"/> seen last: at least <paramref name="sequence"/> on
    /// success, smaller when the wait ended because the barrier was alerted.
    /// </returns>
    long WaitFor(long sequence, Sequence cursor, DependentSequences dependents, SequenceBarrier barrier);

    /// <summary>Wakes every waiter that sleeps; called after a publish and on alert.</summary>
    void SignalAllWhenBlocking();
}
