using DarkPool.Disruptor.Tests.Support;

namespace DarkPool.Disruptor.Tests;

public sealed class MultiProducerStressTests
{
    [Fact]
    public void Publish_FourProducersMillionEventsEach_EveryEventSeenOnceInProducerOrder()
    {
        Run(producers: 4, perProducer: 1_000_000, bufferSize: 4096, maxBatch: 1, new YieldingWaitStrategy());
    }

    [Theory]
    [MemberData(nameof(WaitStrategyCases.All), MemberType = typeof(WaitStrategyCases))]
    public void Publish_TwoProducersBatchClaimsSmallRing_EveryEventSeenOnceInProducerOrder(string strategy)
    {
        Run(producers: 2, perProducer: 100_000, bufferSize: 16, maxBatch: 8, WaitStrategyCases.Create(strategy));
    }

    private static void Run(int producers, long perProducer, int bufferSize, int maxBatch, IWaitStrategy waitStrategy)
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateMultiProducer(bufferSize, waitStrategy);
        var state = new TaggedState(producers);
        var processor = new BatchEventProcessor<TestEvent, TaggedCheckHandler>(ring, ring.NewBarrier(), new TaggedCheckHandler(state));
        ring.AddGatingSequences(processor.Sequence);
        Task consumer = processor.Start();

        Task[] publishers = Enumerable.Range(0, producers)
            .Select(p => Task.Factory.StartNew(
                () => Publisher.PublishTagged(ring, p, perProducer, maxBatch),
                TaskCreationOptions.LongRunning))
            .ToArray();
        Wait.AssertCompletes(Task.WhenAll(publishers));
        Wait.DrainAndHalt(processor.Sequence, (producers * perProducer) - 1, [processor], consumer);

        state.Probe.AssertNone();
        Assert.Equal(producers * perProducer, state.Count);
        Assert.All(state.NextCounter, next => Assert.Equal(perProducer, next));
    }

    private sealed class TaggedState(int producers)
    {
        public Probe Probe { get; } = new();

        public long[] NextCounter { get; } = new long[producers];

        public long Count { get; set; }
    }

    private readonly struct TaggedCheckHandler(TaggedState state) : IEventHandler<TestEvent>
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
            state.Count++;
            if (data.Value != sequence)
            {
                state.Probe.Fail($"slot {sequence} holds the payload of {data.Value}");
                return;
            }

            long expected = state.NextCounter[data.Producer];
            if (data.Counter != expected)
            {
                state.Probe.Fail($"producer {data.Producer}: expected counter {expected}, got {data.Counter} at {sequence}");
            }

            state.NextCounter[data.Producer] = data.Counter + 1;
        }
    }
}
