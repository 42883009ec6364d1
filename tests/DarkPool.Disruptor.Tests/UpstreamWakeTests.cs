using DarkPool.Disruptor.Tests.Support;

namespace DarkPool.Disruptor.Tests;

/// <summary>
/// A stage that sleeps on its upstream stage (<see cref="BlockingWaitStrategy.OnUpstreamStages"/>) is woken by that
/// stage's batches (<see cref="BatchEventProcessor{T, THandler}.WakeAfterEachBatch"/>), not by publishes.
/// </summary>
public sealed class UpstreamWakeTests
{
    [Fact]
    public void Downstream_AsleepWhileTheUpstreamWorks_IsWokenByTheUpstreamsBatch()
    {
        using var upstreamHandler = new GatedHandler();
        using var downstreamHandler = new GatedHandler { Open = true };
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(16, new BlockingWaitStrategy());
        BlockingWaitStrategy downstreamWait = BlockingWaitStrategy.OnUpstreamStages();
        var upstream = new BatchEventProcessor<TestEvent, GatedHandler>(ring, ring.NewBarrier(), upstreamHandler);
        upstream.WakeAfterEachBatch(downstreamWait);
        var downstream = new BatchEventProcessor<TestEvent, GatedHandler>(ring, ring.NewBarrier(downstreamWait, upstream.Sequence), downstreamHandler);
        ring.AddGatingSequences(downstream.Sequence);
        Task running = Task.WhenAll(upstream.Start(), downstream.Start());

        Publisher.PublishSequences(ring, 1, batch: 1);
        Assert.True(upstreamHandler.Entered.Wait(Wait.Timeout), "the upstream stage never got the event");
        Assert.True(Wait.Until(downstreamHandler.IsAsleep), "the downstream stage did not go to sleep");
        Assert.Equal(-1, downstream.Sequence.Value);

        upstreamHandler.Release();

        Wait.DrainAndHalt(downstream.Sequence, 0, [upstream, downstream], running);
        Assert.Equal([0L], downstreamHandler.Seen);
    }

    [Fact]
    public void Downstream_WhoseUpstreamDoesNotWakeIt_SleepsUntilHalted()
    {
        // The negative of the test above: publishes do not wake such a stage, the upstream's batches do; without them it
        // stays asleep (so the test above shows the wake-up), and halting still wakes and stops it.
        using var upstreamHandler = new GatedHandler();
        using var downstreamHandler = new GatedHandler { Open = true };
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(16, new BlockingWaitStrategy());
        var upstream = new BatchEventProcessor<TestEvent, GatedHandler>(ring, ring.NewBarrier(), upstreamHandler);
        var downstream = new BatchEventProcessor<TestEvent, GatedHandler>(ring, ring.NewBarrier(BlockingWaitStrategy.OnUpstreamStages(), upstream.Sequence), downstreamHandler);
        ring.AddGatingSequences(downstream.Sequence);
        Task upstreamRunning = upstream.Start();
        Task downstreamRunning = downstream.Start();

        Publisher.PublishSequences(ring, 1, batch: 1);
        Assert.True(upstreamHandler.Entered.Wait(Wait.Timeout), "the upstream stage never got the event");
        Assert.True(Wait.Until(downstreamHandler.IsAsleep), "the downstream stage did not go to sleep");
        upstreamHandler.Release();
        Assert.True(Wait.Until(() => upstream.Sequence.Value == 0), "the upstream stage did not finish the event");
        Publisher.PublishSequences(ring, 1, batch: 1);
        Assert.True(Wait.Until(() => upstream.Sequence.Value == 1), "the upstream stage did not finish the second event");
        Thread.Sleep(200); // room for a wrong wake-up to show (the assertions below cannot pass late, only fail)

        Assert.True(downstreamHandler.IsAsleep(), "the downstream stage woke without its upstream waking it");
        Assert.Empty(downstreamHandler.Seen);
        downstream.Halt();
        Wait.AssertCompletes(downstreamRunning);
        upstream.Halt();
        Wait.AssertCompletes(upstreamRunning);
    }

    [Fact]
    public void Downstream_WhenTheUpstreamsLastEventThrows_IsStillWoken()
    {
        // The upstream's exception handler skips the failed event; the batch ends in the exception, and the downstream
        // stage must still hear of it, or it would sleep until the next publish that may never come.
        var upstreamHandler = new RecordingHandler { ThrowOn = _ => true };
        using var downstreamHandler = new GatedHandler { Open = true };
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(16, new BlockingWaitStrategy());
        BlockingWaitStrategy downstreamWait = BlockingWaitStrategy.OnUpstreamStages();
        var upstream = new BatchEventProcessor<TestEvent, RecordingHandler>(ring, ring.NewBarrier(), upstreamHandler, new RecordingExceptionHandler());
        upstream.WakeAfterEachBatch(downstreamWait);
        var downstream = new BatchEventProcessor<TestEvent, GatedHandler>(ring, ring.NewBarrier(downstreamWait, upstream.Sequence), downstreamHandler);
        ring.AddGatingSequences(downstream.Sequence);
        Task running = Task.WhenAll(upstream.Start(), downstream.Start());
        Assert.True(Wait.Until(downstreamHandler.IsAsleep), "the downstream stage did not go to sleep");

        Publisher.PublishSequences(ring, 1, batch: 1);

        Wait.DrainAndHalt(downstream.Sequence, 0, [upstream, downstream], running);
        Assert.Equal([0L], downstreamHandler.Seen);
    }

    [Fact]
    public void Downstream_WhenTheUpstreamHaltsOnAnException_DrainsUpToTheEventBeforeIt()
    {
        // The halting handler (the default, and the enclave sequencer's) rethrows: the upstream stops with its sequence
        // on the event before the failed one, in the middle of a batch, and the downstream must still get that far.
        using var releaseBatch = new ManualResetEventSlim();
        var upstreamHandler = new RecordingHandler { ThrowOn = sequence => sequence == 2 };
        using var downstreamHandler = new GatedHandler { Open = true };
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(16, new BlockingWaitStrategy());
        BlockingWaitStrategy downstreamWait = BlockingWaitStrategy.OnUpstreamStages();
        var upstream = new BatchEventProcessor<TestEvent, RecordingHandler>(ring, ring.NewBarrier(), upstreamHandler);
        upstream.WakeAfterEachBatch(downstreamWait);
        var downstream = new BatchEventProcessor<TestEvent, GatedHandler>(ring, ring.NewBarrier(downstreamWait, upstream.Sequence), downstreamHandler);
        ring.AddGatingSequences(downstream.Sequence);
        Task downstreamRunning = downstream.Start();
        Assert.True(Wait.Until(downstreamHandler.IsAsleep), "the downstream stage did not go to sleep");

        Publisher.PublishSequences(ring, 3, batch: 3);
        Task upstreamRunning = upstream.Start();

        Assert.Throws<AggregateException>(() => upstreamRunning.Wait(Wait.Timeout));
        Assert.Equal(1, upstream.Sequence.Value);
        Assert.True(Wait.Until(() => downstream.Sequence.Value == 1), $"the downstream stage stopped at {downstream.Sequence.Value}");
        Assert.Equal([0L, 1L], downstreamHandler.Seen);
        downstream.Halt();
        Wait.AssertCompletes(downstreamRunning);
    }

    [Fact]
    public void NewBarrier_WithItsOwnStrategyButNoUpstream_IsRefused()
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(16, new BlockingWaitStrategy());

        Assert.Throws<ArgumentException>(() => ring.NewBarrier(BlockingWaitStrategy.OnUpstreamStages()));
        Assert.Throws<ArgumentNullException>(() => ring.NewBarrier((IWaitStrategy)null!, new Sequence()));
    }

    [Fact]
    public void WakeAfterEachBatch_OnARunningProcessor_IsRefused()
    {
        using var handler = new GatedHandler { Open = true };
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(16, new BlockingWaitStrategy());
        var processor = new BatchEventProcessor<TestEvent, GatedHandler>(ring, ring.NewBarrier(), handler);
        Assert.Throws<ArgumentNullException>(() => processor.WakeAfterEachBatch(null!));
        Task running = processor.Start();

        Assert.Throws<InvalidOperationException>(() => processor.WakeAfterEachBatch(BlockingWaitStrategy.OnUpstreamStages()));

        processor.Halt();
        Wait.AssertCompletes(running);
    }

    // Records the sequences it handles; closed, it holds its first event until released. Knows its thread, so a test
    // can tell when the stage is asleep in its wait strategy (the only wait such a stage does outside the handler).
    private sealed class GatedHandler : IEventHandler<TestEvent>, IDisposable
    {
        private readonly ManualResetEventSlim _gate = new();
        private readonly List<long> _seen = [];
        private volatile Thread? _thread;

        public bool Open
        {
            init
            {
                if (value)
                {
                    _gate.Set();
                }
            }
        }

        public ManualResetEventSlim Entered { get; } = new();

        public IReadOnlyList<long> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public bool IsAsleep() => _thread is { } thread && (thread.ThreadState & ThreadState.WaitSleepJoin) != 0 && !Entered.IsSet;

        public void Release() => _gate.Set();

        public void OnStart() => _thread = Thread.CurrentThread;

        public void OnShutdown()
        {
        }

        public void OnBatchStart(long firstSequence, long count)
        {
        }

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
            Entered.Set();
            _gate.Wait();
            lock (_seen)
            {
                _seen.Add(sequence);
            }
        }

        public void Dispose()
        {
            _gate.Dispose();
            Entered.Dispose();
        }
    }
}
