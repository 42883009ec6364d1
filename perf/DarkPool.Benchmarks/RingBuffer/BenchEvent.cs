namespace DarkPool.Benchmarks.RingBuffer;

/// <summary>A minimal slot: the benchmarks measure the ring, not the payload copy.</summary>
internal struct BenchEvent
{
    public long Value;
}
