using DarkPool.Disruptor.Tests.Support;

namespace DarkPool.Disruptor.Tests;

public sealed class WrapAroundTests
{
    private const int BufferSize = 8;
    private const long Events = 30_000;

    [Theory]
    [MemberData(nameof(WaitStrategyCases.All), MemberType = typeof(WaitStrategyCases))]
    public void Publish_SingleProducerManyLapsSlowConsumer_NeverOverwritesUnconsumedSlot(string strategy)
    {
        Run(RingBuffer<TestEvent>.CreateSingleProducer(BufferSize, WaitStrategyCases.Create(strategy)), checkCursor: true);
    }

    [Theory]
    [MemberData(nameof(WaitStrategyCases.All), MemberType = typeof(WaitStrategyCases))]
    public void Publish_MultiProducerManyLapsSlowConsumer_NeverOverwritesUnconsumedSlot(string strategy)
    {
        Run(RingBuffer<TestEvent>.CreateMultiProducer(BufferSize, WaitStrategyCases.Create(strategy)), checkCursor: false);
    }

    private static void Run(RingBuffer<TestEvent> ring, bool checkCursor)
    {
        var state = new WrapState(ring, checkCursor);
        var processor = new BatchEventProcessor<TestEvent, WrapCheckHandler>(ring, ring.NewBarrier(), new WrapCheckHandler(state));
        state.Own = processor.Sequence;
        ring.AddGatingSequences(processor.Sequence);
        Task consumer = processor.Start();

        Publisher.PublishSequences(ring, Events, batch: 3);
        Wait.DrainAndHalt(processor.Sequence, Events - 1, [processor], consumer);

        state.Probe.AssertNone();
        Assert.Equal(Events, state.Count);
    }

    private sealed class WrapState(RingBuffer<TestEvent> ring, bool checkCursor)
    {
        public RingBuffer<TestEvent> Ring { get; } = ring;

        public bool CheckCursor { get; } = checkCursor;

        public Probe Probe { get; } = new();

        public Sequence Own { get; set; } = new();

        public long Count { get; set; }
    }

    private readonly struct WrapCheckHandler(WrapState state) : IEventHandler<TestEvent>
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
            if (sequence != state.Count)
            {
                state.Probe.Fail($"expected sequence {state.Count}, got {sequence}");
            }

            state.Count++;
            if (data.Value != sequence)
            {
                state.Probe.Fail($"slot {sequence} holds {data.Value} on arrival");
            }

            if (state.CheckCursor && state.Ring.Cursor > state.Own.Value + BufferSize)
            {
                state.Probe.Fail($"producer published {state.Ring.Cursor} while the consumer had done {state.Own.Value}");
            }

            if (sequence % 7 == 0)
            {
                Thread.SpinWait(200);
            }

            if (Volatile.Read(ref data.Value) != sequence)
            {
                state.Probe.Fail($"slot {sequence} overwritten while being handled");
            }
        }
    }
}
