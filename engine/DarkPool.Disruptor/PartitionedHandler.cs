namespace DarkPool.Disruptor;

/// <summary>
/// Wraps a handler so that it only sees the sequences of its partition
/// (sequence mod <c>partitionCount</c> = <c>partition</c>): N processors on one stage, each wrapping
/// its own handler, share the stage's work without sharing any state.
/// </summary>
/// <typeparam name="T">The ring's slot type.</typeparam>
/// <typeparam name="THandler">The wrapped handler.</typeparam>
/// <remarks>
/// Public so that a stage such as decryption can be spread over several threads. Every worker still
/// advances its sequence over all events (skipping others' is a compare per event and touches no
/// slot), so a downstream barrier on all workers' sequences releases an event only when its owner has
/// handled it. The wrapped handler gets <see cref="IEventHandler{T}.OnBatchStart"/> with its first
/// own sequence and own count, and <c>endOfBatch</c> on its last own event of the batch. Relies on
/// <see cref="OnBatchStart"/> being called before each batch, as the processor does.
/// </remarks>
public struct PartitionedHandler<T, THandler> : IEventHandler<T>
    where T : struct
    where THandler : IEventHandler<T>
{
    private readonly long _partition;
    private readonly long _partitionCount;
    private THandler _inner;
    private long _nextOwn;
    private long _batchLast;

    /// <summary>Wraps <paramref name="inner"/> as worker <paramref name="partition"/> of <paramref name="partitionCount"/>.</summary>
    /// <param name="inner">The handler doing the work.</param>
    /// <param name="partition">This worker's index, from 0.</param>
    /// <param name="partitionCount">The number of workers on the stage.</param>
    public PartitionedHandler(THandler inner, int partition, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, partitionCount);
        _inner = inner;
        _partition = partition;
        _partitionCount = partitionCount;
        _nextOwn = long.MaxValue;
        _batchLast = long.MinValue;
    }

    /// <summary>The wrapped handler (a copy when it is a struct); read it after the processor stopped.</summary>
    public readonly THandler Inner => _inner;

    /// <inheritdoc/>
    public void OnStart() => _inner.OnStart();

    /// <inheritdoc/>
    public void OnShutdown() => _inner.OnShutdown();

    /// <inheritdoc/>
    public void OnBatchStart(long firstSequence, long count)
    {
        _batchLast = firstSequence + count - 1;
        long offset = (_partition - (firstSequence % _partitionCount) + _partitionCount) % _partitionCount;
        _nextOwn = firstSequence + offset;
        if (_nextOwn <= _batchLast)
        {
            _inner.OnBatchStart(_nextOwn, ((_batchLast - _nextOwn) / _partitionCount) + 1);
        }
    }

    /// <inheritdoc/>
    public void OnEvent(ref T data, long sequence, bool endOfBatch)
    {
        if (sequence == _nextOwn)
        {
            _nextOwn += _partitionCount;
            _inner.OnEvent(ref data, sequence, _nextOwn > _batchLast);
        }
    }
}
