namespace DarkPool.Disruptor;

/// <summary>
/// One pipeline stage run by several processors in parallel, each handling a disjoint share of the
/// sequences (see <see cref="PartitionedHandler{T, THandler}"/>), e.g. decryption on every core.
/// </summary>
/// <typeparam name="T">The ring's slot type.</typeparam>
/// <typeparam name="THandler">The per-worker handler.</typeparam>
/// <remarks>
/// Public as the pipeline's building block for a parallel stage: gate the next stage on
/// <see cref="GetSequences"/>, which together mean "every event up to the minimum is done".
/// </remarks>
public sealed class PartitionedStage<T, THandler>
    where T : struct
    where THandler : IEventHandler<T>
{
    private readonly BatchEventProcessor<T, PartitionedHandler<T, THandler>>[] _processors;

    /// <summary>Creates one processor per handler, each with its own barrier on <paramref name="dependsOn"/>.</summary>
    /// <param name="ring">The ring to read.</param>
    /// <param name="dependsOn">Upstream sequences; empty to follow the producers.</param>
    /// <param name="handlers">One handler per worker; the count is the number of partitions.</param>
    /// <param name="exceptionHandler">Shared by the workers; <see cref="HaltingExceptionHandler{T}"/> when null.</param>
    public PartitionedStage(
        RingBuffer<T> ring,
        Sequence[] dependsOn,
        IReadOnlyList<THandler> handlers,
        IExceptionHandler<T>? exceptionHandler = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(dependsOn);
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentOutOfRangeException.ThrowIfZero(handlers.Count);
        _processors = new BatchEventProcessor<T, PartitionedHandler<T, THandler>>[handlers.Count];
        for (int i = 0; i < handlers.Count; i++)
        {
            _processors[i] = new BatchEventProcessor<T, PartitionedHandler<T, THandler>>(
                ring,
                ring.NewBarrier(dependsOn),
                new PartitionedHandler<T, THandler>(handlers[i], i, handlers.Count),
                exceptionHandler);
        }
    }

    /// <summary>The workers, in partition order.</summary>
    public IReadOnlyList<BatchEventProcessor<T, PartitionedHandler<T, THandler>>> Processors => _processors;

    /// <summary>The workers' sequences, for the next stage's barrier or as gating sequences.</summary>
    /// <returns>A new array.</returns>
    public Sequence[] GetSequences() => Array.ConvertAll(_processors, p => p.Sequence);

    /// <summary>Starts every worker on its own thread.</summary>
    /// <param name="threadNamePrefix">Prefix of the thread names, followed by the partition.</param>
    /// <returns>A task that completes when all workers have exited.</returns>
    public Task Start(string threadNamePrefix = "worker")
    {
        var tasks = new Task[_processors.Length];
        for (int i = 0; i < _processors.Length; i++)
        {
            tasks[i] = _processors[i].Start($"{threadNamePrefix}-{i}");
        }

        return Task.WhenAll(tasks);
    }

    /// <summary>Halts every worker (see <see cref="IEventProcessor.Halt"/>).</summary>
    public void Halt()
    {
        foreach (BatchEventProcessor<T, PartitionedHandler<T, THandler>> processor in _processors)
        {
            processor.Halt();
        }
    }
}
