using DarkPool.Disruptor.Tests.Support;

namespace DarkPool.Disruptor.Tests;

public sealed class ChainedStagesTests
{
    private const long Events = 50_000;

    [Theory]
    [MemberData(nameof(WaitStrategyCases.All), MemberType = typeof(WaitStrategyCases))]
    public void Pipeline_ThreeChainedStages_EachStageSeesUpstreamWritesAndNeverRunsAhead(string strategy)
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(1024, WaitStrategyCases.Create(strategy));
        var state = new ChainState();
        var first = new BatchEventProcessor<TestEvent, StageHandler>(ring, ring.NewBarrier(), new StageHandler(state, 1));
        var second = new BatchEventProcessor<TestEvent, StageHandler>(ring, ring.NewBarrier(first.Sequence), new StageHandler(state, 2));
        var last = new BatchEventProcessor<TestEvent, StageHandler>(ring, ring.NewBarrier(second.Sequence), new StageHandler(state, 3));
        RunChain(ring, state, first, second, last);
    }

    [Theory]
    [MemberData(nameof(WaitStrategyCases.All), MemberType = typeof(WaitStrategyCases))]
    public void Pipeline_LaterStagesSleepingOnTheirUpstream_EachStageSeesUpstreamWritesAndNeverRunsAhead(string strategy)
    {
        // The enclave pipeline's arrangement: the first stage waits with the ring's strategy, each later stage sleeps on
        // the stage before it (BlockingWaitStrategy.OnUpstreamStages), which wakes it after each of its batches.
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(1024, WaitStrategyCases.Create(strategy));
        var state = new ChainState();
        BlockingWaitStrategy secondWait = BlockingWaitStrategy.OnUpstreamStages();
        BlockingWaitStrategy lastWait = BlockingWaitStrategy.OnUpstreamStages();
        var first = new BatchEventProcessor<TestEvent, StageHandler>(ring, ring.NewBarrier(), new StageHandler(state, 1));
        first.WakeAfterEachBatch(secondWait);
        var second = new BatchEventProcessor<TestEvent, StageHandler>(ring, ring.NewBarrier(secondWait, first.Sequence), new StageHandler(state, 2));
        second.WakeAfterEachBatch(lastWait);
        var last = new BatchEventProcessor<TestEvent, StageHandler>(ring, ring.NewBarrier(lastWait, second.Sequence), new StageHandler(state, 3));
        RunChain(ring, state, first, second, last);
    }

    // Runs the three stages over the events and checks that every stage saw every event, in order, after its upstream.
    private static void RunChain(
        RingBuffer<TestEvent> ring,
        ChainState state,
        BatchEventProcessor<TestEvent, StageHandler> first,
        BatchEventProcessor<TestEvent, StageHandler> second,
        BatchEventProcessor<TestEvent, StageHandler> last)
    {
        state.Upstream = [null, first.Sequence, second.Sequence];
        ring.AddGatingSequences(last.Sequence);
        IEventProcessor[] processors = [first, second, last];
        Task running = Task.WhenAll(processors.Select(p => p.Start()));

        Publisher.PublishSequences(ring, Events, batch: 5);
        Wait.DrainAndHalt(last.Sequence, Events - 1, processors, running);

        state.Probe.AssertNone();
        Assert.Equal([Events, Events, Events], state.Handled[1..]);
    }

    private sealed class ChainState
    {
        public Probe Probe { get; } = new();

        public long[] Handled { get; } = new long[4];

        public Sequence?[] Upstream { get; set; } = [];
    }

    private readonly struct StageHandler(ChainState state, int stage) : IEventHandler<TestEvent>
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
            if (sequence != state.Handled[stage])
            {
                state.Probe.Fail($"stage {stage}: expected {state.Handled[stage]}, got {sequence}");
            }

            state.Handled[stage]++;
            Sequence? upstream = state.Upstream[stage - 1];
            if (upstream is not null && upstream.Value < sequence)
            {
                state.Probe.Fail($"stage {stage} handles {sequence} before its upstream finished it ({upstream.Value})");
            }

            switch (stage)
            {
                case 1:
                    if (data.Stage1 != 0 || data.Value != sequence)
                    {
                        state.Probe.Fail($"stage 1 found a stale slot at {sequence}");
                    }

                    data.Stage1 = (data.Value * 2) + 1;
                    break;
                case 2:
                    if (data.Stage1 != (data.Value * 2) + 1 || data.Stage2 != 0)
                    {
                        state.Probe.Fail($"stage 2 does not see stage 1's write at {sequence}");
                    }

                    data.Stage2 = data.Stage1 + 1;
                    break;
                default:
                    if (data.Stage2 != (data.Value * 2) + 2)
                    {
                        state.Probe.Fail($"stage 3 does not see stage 2's write at {sequence}");
                    }

                    break;
            }
        }
    }
}
