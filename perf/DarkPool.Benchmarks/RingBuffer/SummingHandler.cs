using DarkPool.Disruptor;

namespace DarkPool.Benchmarks.RingBuffer;

/// <summary>
/// The cheapest consumer that still reads every slot: a struct, so the processor's loop inlines it.
/// </summary>
internal struct SummingHandler : IEventHandler<BenchEvent>
{
    public long Total;

    public readonly void OnStart()
    {
    }

    public readonly void OnShutdown()
    {
    }

    public readonly void OnBatchStart(long firstSequence, long count)
    {
    }

    public void OnEvent(ref BenchEvent data, long sequence, bool endOfBatch) => Total += data.Value;
}
