using BenchmarkDotNet.Attributes;
using DarkPool.Disruptor;

namespace DarkPool.Benchmarks.RingBuffer;

/// <summary>
/// One producer thread (the benchmark thread) to one consumer thread: events per second through a
/// single-producer ring, by claim size and wait strategy. One operation is one event.
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
public class OneToOneThroughputBenchmark
{
    private const int EventsPerInvoke = 10_000_000;
    private const int BufferSize = 1 << 16;

    private RingBuffer<BenchEvent> _ring = null!;
    private BatchEventProcessor<BenchEvent, SummingHandler> _processor = null!;
    private Task _running = Task.CompletedTask;

    /// <summary>Events claimed and published together.</summary>
    [Params(1, 64)]
    public int BatchSize { get; set; }

    /// <summary>The consumer's wait strategy.</summary>
    [Params("BusySpin", "Yielding", "Blocking")]
    public string WaitStrategy { get; set; } = "BusySpin";

    /// <summary>Starts the consumer thread.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ring = RingBuffer<BenchEvent>.CreateSingleProducer(BufferSize, BenchmarkWaitStrategies.Create(WaitStrategy));
        _processor = new BatchEventProcessor<BenchEvent, SummingHandler>(_ring, _ring.NewBarrier(), default);
        _ring.AddGatingSequences(_processor.Sequence);
        _running = _processor.Start("bench-consumer");
    }

    /// <summary>Stops the consumer thread.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _processor.Halt();
        _running.Wait();
    }

    /// <summary>Publishes <c>EventsPerInvoke</c> events and waits until the consumer has handled them.</summary>
    /// <returns>The last sequence, so the work is not eliminated.</returns>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long Throughput()
    {
        RingBuffer<BenchEvent> ring = _ring;
        int batch = BatchSize;
        for (int published = 0; published < EventsPerInvoke; published += batch)
        {
            long hi = ring.Next(batch);
            long lo = hi - batch + 1;
            for (long sequence = lo; sequence <= hi; sequence++)
            {
                ring[sequence].Value = sequence;
            }

            ring.Publish(lo, hi);
        }

        long last = ring.Cursor;
        SpinWait spinner = default;
        while (_processor.Sequence.Value < last)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return last;
    }
}
