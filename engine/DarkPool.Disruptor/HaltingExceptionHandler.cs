using DarkPool.Disruptor.Internal;

namespace DarkPool.Disruptor;

/// <summary>
/// The default exception handler: rethrows, so the processor stops, runs
/// <see cref="IEventHandler{T}.OnShutdown"/>, and <see cref="IEventProcessor.Run"/> throws (the task
/// from <see cref="IEventProcessor.Start"/> faults). The failed event is never marked as processed,
/// so no later stage sees it; producers will block once the ring fills, which the owner notices by
/// watching that task.
/// </summary>
/// <typeparam name="T">The ring's slot type.</typeparam>
public sealed class HaltingExceptionHandler<T> : IExceptionHandler<T>
    where T : struct
{
    /// <summary>A shared instance; the handler has no state.</summary>
    public static HaltingExceptionHandler<T> Instance { get; } = new();

    /// <inheritdoc/>
    public void HandleEventException(Exception exception, long sequence, ref T data) => ThrowHelper.Rethrow(exception);

    /// <inheritdoc/>
    public void HandleOnStartException(Exception exception) => ThrowHelper.Rethrow(exception);

    /// <inheritdoc/>
    public void HandleOnShutdownException(Exception exception) => ThrowHelper.Rethrow(exception);
}
