using DarkPool.Disruptor.Tests.Support;

namespace DarkPool.Disruptor.Tests;

public sealed class PartitionedStageTests
{
    private const long Events = 40_000;

    [Theory]
    [MemberData(nameof(WaitStrategyCases.All), MemberType = typeof(WaitStrategyCases))]
    public void Pipeline_TwoWorkersThenOneStage_EachEventHandledOnceByItsOwnerBeforeDownstream(string strategy)
    {
        Run(workers: 2, RingBuffer<TestEvent>.CreateSingleProducer(1024, WaitStrategyCases.Create(strategy)));
    }

    [Fact]
    public void Pipeline_ThreeWorkersMultiProducerRing_EachEventHandledOnceByItsOwnerBeforeDownstream()
    {
        Run(workers: 3, RingBuffer<TestEvent>.CreateMultiProducer(64, new BlockingWaitStrategy()));
    }

    [Fact]
    public void OnBatchStart_PartitionOfBatch_InnerSeesOwnFirstAndCountAndEndOfBatch()
    {
        var inner = new RecordingHandler();
        var handler = new PartitionedHandler<TestEvent, RecordingHandler>(inner, partition: 1, partitionCount: 3);
        var slot = default(TestEvent);
        handler.OnBatchStart(5, 7);
        for (long sequence = 5; sequence <= 11; sequence++)
        {
            handler.OnEvent(ref slot, sequence, sequence == 11);
        }

        handler.OnBatchStart(12, 1);
        handler.OnEvent(ref slot, 12, true);

        Assert.Equal([(7L, 2L)], inner.Batches);
        Assert.Equal([(7L, false), (10L, true)], inner.Events.Select(e => (e.Sequence, e.EndOfBatch)));
    }

    [Fact]
    public void Create_PartitionOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionedHandler<TestEvent, RecordingHandler>(new RecordingHandler(), 3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionedHandler<TestEvent, RecordingHandler>(new RecordingHandler(), 0, 0));
    }

    private static void Run(int workers, RingBuffer<TestEvent> ring)
    {
        var state = new PartitionState(workers);
        var stage = new PartitionedStage<TestEvent, WorkerHandler>(
            ring,
            [],
            Enumerable.Range(0, workers).Select(w => new WorkerHandler(state, w)).ToArray());
        state.Workers = stage.GetSequences();
        var downstream = new BatchEventProcessor<TestEvent, DownstreamHandler>(
            ring,
            ring.NewBarrier(stage.GetSequences()),
            new DownstreamHandler(state, workers));
        ring.AddGatingSequences(downstream.Sequence);
        Task running = Task.WhenAll(stage.Start(), downstream.Start());

        Publisher.PublishSequences(ring, Events, batch: 4);
        Wait.DrainAndHalt(downstream.Sequence, Events - 1, [.. stage.Processors, downstream], running);

        state.Probe.AssertNone();
        Assert.Equal(Events, state.Downstream);
        Assert.Equal(Events, state.PerWorker.Sum());
        for (int w = 0; w < workers; w++)
        {
            Assert.Equal((Events / workers) + (w < Events % workers ? 1 : 0), state.PerWorker[w]);
            Assert.Equal(state.PerWorker[w], state.PerWorkerBatchTotal[w]);
        }
    }

    private sealed class PartitionState(int workers)
    {
        public Probe Probe { get; } = new();

        public long[] PerWorker { get; } = new long[workers];

        public long[] PerWorkerBatchTotal { get; } = new long[workers];

        public Sequence[] Workers { get; set; } = [];

        public long Downstream { get; set; }
    }

    private readonly struct WorkerHandler(PartitionState state, int worker) : IEventHandler<TestEvent>
    {
        public void OnStart()
        {
        }

        public void OnShutdown()
        {
        }

        public void OnBatchStart(long firstSequence, long count) => state.PerWorkerBatchTotal[worker] += count;

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
            if (data.Stage1 != 0)
            {
                state.Probe.Fail($"worker {worker}: slot {sequence} already handled by {data.Stage1 - 1}");
            }

            data.Stage1 = worker + 1;
            state.PerWorker[worker]++;
        }
    }

    private readonly struct DownstreamHandler(PartitionState state, int workers) : IEventHandler<TestEvent>
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
            if (sequence != state.Downstream)
            {
                state.Probe.Fail($"downstream expected {state.Downstream}, got {sequence}");
            }

            state.Downstream++;
            if (data.Stage1 != (sequence % workers) + 1)
            {
                state.Probe.Fail($"slot {sequence} handled by {data.Stage1 - 1}, owner is {sequence % workers}");
            }

            foreach (Sequence worker in state.Workers)
            {
                if (worker.Value < sequence)
                {
                    state.Probe.Fail($"downstream at {sequence} ahead of a worker at {worker.Value}");
                }
            }
        }
    }
}
