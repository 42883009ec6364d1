namespace DarkPool.Disruptor;

/// <summary>
/// The work of one consumer stage, called on the processor's thread for every event in sequence
/// order.
/// </summary>
/// <typeparam name="T">The ring's slot type.</typeparam>
/// <remarks>
/// Implement it on a struct: <see cref="BatchEventProcessor{T, THandler}"/> is generic over the
/// handler type, so the JIT compiles a copy of the loop for each struct handler and inlines its calls
/// (a class handler works too, through an interface call per event). All members are required,
/// rather than default interface methods, because calling a default method on a struct boxes it.
/// </remarks>
public interface IEventHandler<T>
    where T : struct
{
    /// <summary>Called once on the processor's thread before the first event.</summary>
    void OnStart();

    /// <summary>Called once on the processor's thread after the last event, also after a failure.</summary>
    void OnShutdown();

    /// <summary>
    /// Called before each batch: the events that were available together. Lets a stage size work
    /// (one journal write, one fsync) to the batch.
    /// </summary>
    /// <param name="firstSequence">The first sequence of the batch.</param>
    /// <param name="count">How many events the batch has.</param>
    void OnBatchStart(long firstSequence, long count);

    /// <summary>Handles one event in place.</summary>
    /// <param name="data">The slot; may be written for later stages (each field by one stage only).</param>
    /// <param name="sequence">The event's sequence.</param>
    /// <param name="endOfBatch">Whether this is the last event of the batch: the moment to flush.</param>
    void OnEvent(ref T data, long sequence, bool endOfBatch);
}
