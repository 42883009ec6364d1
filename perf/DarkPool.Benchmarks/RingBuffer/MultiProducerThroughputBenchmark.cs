using BenchmarkDotNet.Attributes;
using DarkPool.Disruptor;

namespace DarkPool.Benchmarks.RingBuffer;

/// <summary>
/// Several producer threads to one consumer through a multi-producer ring: the cost of the atomic
/// claim and the availability buffer. One operation is one event.
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
public class MultiProducerThroughputBenchmark
{
    private const int EventsPerInvoke = 16_000_000;
    private const int BufferSize = 1 << 16;

    private RingBuffer<BenchEvent> _ring = null!;
    private BatchEventProcessor<BenchEvent, SummingHandler> _processor = null!;
    private Task _running = Task.CompletedTask;

    /// <summary>Producer threads; with the consumer, 2 already fill this machine's 2 cores.</summary>
    [Params(1, 2)]
    public int Producers { get; set; }

    /// <summary>Events claimed and published together.</summary>
    [Params(1, 16)]
    public int BatchSize { get; set; }

    /// <summary>Starts the consumer thread.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ring = RingBuffer<BenchEvent>.CreateMultiProducer(BufferSize, new YieldingWaitStrategy());
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

    /// <summary>Each producer publishes its share; waits until the consumer has handled everything.</summary>
    /// <returns>The last sequence.</returns>
    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public long Throughput()
    {
        var threads = new Thread[Producers];
        int share = EventsPerInvoke / Producers;
        for (int i = 0; i < threads.Length; i++)
        {
            threads[i] = new Thread(() => Produce(_ring, share, BatchSize));
            threads[i].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        long last = _ring.Cursor;
        SpinWait spinner = default;
        while (_processor.Sequence.Value < last)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return last;
    }

    private static void Produce(RingBuffer<BenchEvent> ring, int count, int batch)
    {
        for (int published = 0; published < count; published += batch)
        {
            long hi = ring.Next(batch);
            long lo = hi - batch + 1;
            for (long sequence = lo; sequence <= hi; sequence++)
            {
                ring[sequence].Value = sequence;
            }

            ring.Publish(lo, hi);
        }
    }
}
