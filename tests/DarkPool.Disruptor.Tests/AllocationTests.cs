using DarkPool.Disruptor.Tests.Support;

namespace DarkPool.Disruptor.Tests;

public sealed class AllocationTests
{
    public static TheoryData<string, bool> StrategiesAndProducers
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (string strategy in WaitStrategyCases.Names)
            {
                data.Add(strategy, false);
                data.Add(strategy, true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(StrategiesAndProducers))]
    public void PublishAndWaitFor_SingleThreadAfterWarmUp_AllocatesNothing(string strategy, bool multi)
    {
        RingBuffer<TestEvent> ring = multi
            ? RingBuffer<TestEvent>.CreateMultiProducer(1024, WaitStrategyCases.Create(strategy))
            : RingBuffer<TestEvent>.CreateSingleProducer(1024, WaitStrategyCases.Create(strategy));
        var consumed = new Sequence();
        ring.AddGatingSequences(consumed);
        SequenceBarrier barrier = ring.NewBarrier();
        long next = 0;
        long checksum = Cycle(ring, barrier, consumed, ref next, 5_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        checksum += Cycle(ring, barrier, consumed, ref next, 50_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(checksum > 0);
        Assert.Equal(55_000 * 17, next);
    }

    [Theory]
    [MemberData(nameof(WaitStrategyCases.All), MemberType = typeof(WaitStrategyCases))]
    public void Processor_SteadyStateAfterWarmUp_AllocatesNothingOnProducerOrConsumerThread(string strategy)
    {
        const long warmUp = 20_000;
        const long measured = 200_000;
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(1024, WaitStrategyCases.Create(strategy));
        var state = new AllocationState { From = warmUp, To = warmUp + measured - 1 };
        var processor = new BatchEventProcessor<TestEvent, MeasuringHandler>(ring, ring.NewBarrier(), new MeasuringHandler(state));
        ring.AddGatingSequences(processor.Sequence);
        Task running = processor.Start();

        Publisher.PublishSequences(ring, warmUp, batch: 8);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Publisher.PublishSequences(ring, measured, batch: 8);
        long producerAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Wait.DrainAndHalt(processor.Sequence, warmUp + measured - 1, [processor], running);

        Assert.Equal(0, producerAllocated);
        Assert.Equal(0, state.BytesAtTo - state.BytesAtFrom);
        Assert.True(state.Measured, "The consumer never reached the end of the measured range.");
    }

    private static long Cycle(RingBuffer<TestEvent> ring, SequenceBarrier barrier, Sequence consumed, ref long next, int rounds)
    {
        long checksum = 0;
        for (int round = 0; round < rounds; round++)
        {
            long hi = ring.Next(16);
            for (long sequence = hi - 15; sequence <= hi; sequence++)
            {
                ring[sequence].Value = sequence;
            }

            ring.Publish(hi - 15, hi);
            if (ring.TryNext(out long single))
            {
                ring[single].Value = single;
                ring.Publish(single);
            }

            long available = barrier.WaitFor(next);
            for (long sequence = next; sequence <= available; sequence++)
            {
                checksum += ring[sequence].Value;
            }

            consumed.SetValue(available);
            next = available + 1;
        }

        return checksum;
    }

    private sealed class AllocationState
    {
        public long From { get; init; }

        public long To { get; init; }

        public long BytesAtFrom { get; set; }

        public long BytesAtTo { get; set; }

        public bool Measured { get; set; }
    }

    private readonly struct MeasuringHandler(AllocationState state) : IEventHandler<TestEvent>
    {
        public void OnStart()
        {
        }

        public void OnShutdown()
        {
        }

        public void OnBatchStart(long firstSequence, long count)
        {
        }

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
            if (sequence == state.From)
            {
                state.BytesAtFrom = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (sequence == state.To)
            {
                state.BytesAtTo = GC.GetAllocatedBytesForCurrentThread();
                state.Measured = true;
            }
        }
    }
}
