using BenchmarkDotNet.Attributes;
using DarkPool.Disruptor;

namespace DarkPool.Benchmarks.RingBuffer;

/// <summary>
/// The producer-side cost of claim + write + publish on one thread, with no consumer thread (the
/// gating sequence is advanced in place), so no cache line crosses cores. Shows the price of the
/// multi-producer claim and of the blocking strategy's publish fence.
/// </summary>
[MemoryDiagnoser]
public class PublishCostBenchmark
{
    private const int Batch = 16;

    private RingBuffer<BenchEvent> _ring = null!;
    private Sequence _consumer = null!;

    /// <summary>Which sequencer the factory picks.</summary>
    [Params("Single", "Multi")]
    public string Producer { get; set; } = "Single";

    /// <summary>BusySpin signals nothing on publish; Blocking pays a fence per publish.</summary>
    [Params("BusySpin", "Blocking")]
    public string WaitStrategy { get; set; } = "BusySpin";

    /// <summary>Creates the ring and a consumer sequence the benchmark advances itself.</summary>
    [GlobalSetup]
    public void Setup()
    {
        IWaitStrategy waitStrategy = BenchmarkWaitStrategies.Create(WaitStrategy);
        _ring = Producer == "Single"
            ? RingBuffer<BenchEvent>.CreateSingleProducer(1024, waitStrategy)
            : RingBuffer<BenchEvent>.CreateMultiProducer(1024, waitStrategy);
        _consumer = new Sequence();
        _ring.AddGatingSequences(_consumer);
    }

    /// <summary>One event: <c>Next</c>, write, <c>Publish</c>.</summary>
    /// <returns>The sequence.</returns>
    [Benchmark(Baseline = true)]
    public long NextPublish()
    {
        long sequence = _ring.Next();
        _ring[sequence].Value = sequence;
        _ring.Publish(sequence);
        _consumer.SetValue(sequence);
        return sequence;
    }

    /// <summary>One event through the non-blocking claim.</summary>
    /// <returns>The sequence.</returns>
    [Benchmark]
    public long TryNextPublish()
    {
        _ = _ring.TryNext(out long sequence);
        _ring[sequence].Value = sequence;
        _ring.Publish(sequence);
        _consumer.SetValue(sequence);
        return sequence;
    }

    /// <summary>A batch of 16: one claim and one publish; reported per event.</summary>
    /// <returns>The highest sequence.</returns>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long NextPublishBatch()
    {
        long hi = _ring.Next(Batch);
        long lo = hi - Batch + 1;
        for (long sequence = lo; sequence <= hi; sequence++)
        {
            _ring[sequence].Value = sequence;
        }

        _ring.Publish(lo, hi);
        _consumer.SetValue(hi);
        return hi;
    }
}
