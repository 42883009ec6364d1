namespace DarkPool.Disruptor.Tests.Support;

/// <summary>
/// A class handler that records every call, for tests about the processor's contract rather than
/// its speed.
/// </summary>
internal sealed class RecordingHandler : IEventHandler<TestEvent>
{
    private readonly List<(long Sequence, long Value, bool EndOfBatch)> _events = [];
    private readonly List<(long First, long Count)> _batches = [];

    public Func<long, bool>? ThrowOn { get; init; }

    public bool ThrowOnStart { get; init; }

    public bool ThrowOnShutdown { get; init; }

    public int StartCalls { get; private set; }

    public int ShutdownCalls { get; private set; }

    public int? StartThreadId { get; private set; }

    public int? ShutdownThreadId { get; private set; }

    public IReadOnlyList<(long Sequence, long Value, bool EndOfBatch)> Events => _events;

    public IReadOnlyList<(long First, long Count)> Batches => _batches;

    public void OnStart()
    {
        StartCalls++;
        StartThreadId = Environment.CurrentManagedThreadId;
        if (ThrowOnStart)
        {
            throw new InvalidOperationException("start failed");
        }
    }

    public void OnShutdown()
    {
        ShutdownCalls++;
        ShutdownThreadId = Environment.CurrentManagedThreadId;
        if (ThrowOnShutdown)
        {
            throw new InvalidOperationException("shutdown failed");
        }
    }

    public void OnBatchStart(long firstSequence, long count) => _batches.Add((firstSequence, count));

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        if (ThrowOn?.Invoke(sequence) == true)
        {
            throw new InvalidOperationException($"event {sequence} failed");
        }

        _events.Add((sequence, data.Value, endOfBatch));
    }
}
