namespace DarkPool.Disruptor;

/// <summary>
/// Decides what an exception thrown by an <see cref="IEventHandler{T}"/> means: returning skips the
/// event and carries on, throwing stops the processor.
/// </summary>
/// <typeparam name="T">The ring's slot type.</typeparam>
/// <remarks>
/// Public so the pipeline can log and decide per stage; the default is
/// <see cref="HaltingExceptionHandler{T}"/>, because silently skipping an order would be worse than
/// stopping.
/// </remarks>
public interface IExceptionHandler<T>
    where T : struct
{
    /// <summary>
    /// Called on the processor's thread when handling <paramref name="sequence"/> threw. The
    /// processor's sequence already covers the events before it. Return to skip the event (the
    /// sequence then covers it too); throw to stop the processor.
    /// </summary>
    /// <param name="exception">What the handler threw.</param>
    /// <param name="sequence">The event that failed.</param>
    /// <param name="data">Its slot, e.g. to mark it as failed for later stages.</param>
    void HandleEventException(Exception exception, long sequence, ref T data);

    /// <summary>Called when <see cref="IEventHandler{T}.OnStart"/> threw; throw to stop before any event.</summary>
    /// <param name="exception">What the handler threw.</param>
    void HandleOnStartException(Exception exception);

    /// <summary>Called when <see cref="IEventHandler{T}.OnShutdown"/> threw; throw to fail the run.</summary>
    /// <param name="exception">What the handler threw.</param>
    void HandleOnShutdownException(Exception exception);
}
