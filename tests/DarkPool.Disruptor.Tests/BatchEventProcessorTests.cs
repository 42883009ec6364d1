using DarkPool.Disruptor.Tests.Support;

namespace DarkPool.Disruptor.Tests;

public sealed class BatchEventProcessorTests
{
    [Fact]
    public void Start_EventsPublishedBeforeStart_HandledInOrderAsOneBatch()
    {
        (RingBuffer<TestEvent> ring, BatchEventProcessor<TestEvent, RecordingHandler> processor) = Create(new RecordingHandler());
        Publisher.PublishSequences(ring, 10, batch: 10);
        Task running = processor.Start();
        Wait.DrainAndHalt(processor.Sequence, 9, [processor], running);

        RecordingHandler handler = processor.Handler;
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), handler.Events.Select(e => e.Sequence));
        Assert.Equal(handler.Events.Select(e => e.Sequence), handler.Events.Select(e => e.Value));
        Assert.Equal([(0L, 10L)], handler.Batches);
        Assert.Equal([9L], handler.Events.Where(e => e.EndOfBatch).Select(e => e.Sequence));
    }

    [Fact]
    public void OnEvent_ConcurrentProducer_SequencesContiguousAndEachBatchEndsWithEndOfBatch()
    {
        (RingBuffer<TestEvent> ring, BatchEventProcessor<TestEvent, RecordingHandler> processor) = Create(new RecordingHandler());
        Task running = processor.Start();
        Publisher.PublishSequences(ring, 20_000, batch: 3);
        Wait.DrainAndHalt(processor.Sequence, 19_999, [processor], running);

        RecordingHandler handler = processor.Handler;
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => (long)i), handler.Events.Select(e => e.Sequence));
        Assert.All(handler.Events, e => Assert.Equal(e.Sequence, e.Value));
        Assert.Equal(20_000, handler.Batches.Sum(b => b.Count));
        var batchEnds = handler.Batches.Select(b => b.First + b.Count - 1).ToList();
        Assert.Equal(batchEnds, handler.Events.Where(e => e.EndOfBatch).Select(e => e.Sequence));
        Assert.Equal(handler.Batches.Skip(1).Select(b => b.First), batchEnds.SkipLast(1).Select(end => end + 1));
    }

    [Fact]
    public void Start_AlreadyRunning_Throws()
    {
        (_, BatchEventProcessor<TestEvent, RecordingHandler> processor) = Create(new RecordingHandler());
        Task running = processor.Start();
        Assert.True(processor.IsRunning);
        Assert.Throws<InvalidOperationException>(() => { _ = processor.Start("second"); });
        Assert.Throws<InvalidOperationException>(processor.Run);
        processor.Halt();
        Wait.AssertCompletes(running);
        Assert.False(processor.IsRunning);
    }

    [Theory]
    [MemberData(nameof(WaitStrategyCases.All), MemberType = typeof(WaitStrategyCases))]
    public void Halt_WaitingForEvents_ThreadEndsAndLifecycleRunsOnProcessorThread(string strategy)
    {
        (RingBuffer<TestEvent> ring, BatchEventProcessor<TestEvent, RecordingHandler> processor) =
            Create(new RecordingHandler(), WaitStrategyCases.Create(strategy));
        Task running = processor.Start();
        Publisher.PublishSequences(ring, 3);
        Assert.True(Wait.Until(() => processor.Sequence.Value == 2));
        Thread.Sleep(10);
        processor.Halt();
        Wait.AssertCompletes(running);

        RecordingHandler handler = processor.Handler;
        Assert.Equal(1, handler.StartCalls);
        Assert.Equal(1, handler.ShutdownCalls);
        Assert.Equal(handler.StartThreadId, handler.ShutdownThreadId);
        Assert.NotEqual(Environment.CurrentManagedThreadId, handler.StartThreadId);
        Assert.False(processor.IsRunning);
    }

    [Fact]
    public void Halt_ImmediatelyAfterStart_ThreadEnds()
    {
        for (int i = 0; i < 50; i++)
        {
            (_, BatchEventProcessor<TestEvent, RecordingHandler> processor) = Create(new RecordingHandler());
            Task running = processor.Start();
            processor.Halt();
            Wait.AssertCompletes(running);
            Assert.Equal(1, processor.Handler.ShutdownCalls);
        }
    }

    [Fact]
    public void Halt_UnderContinuousLoad_StopsWithContiguousPrefixHandled()
    {
        (RingBuffer<TestEvent> ring, BatchEventProcessor<TestEvent, RecordingHandler> processor) = Create(new RecordingHandler());
        Task running = processor.Start();
        using var stop = new CancellationTokenSource();
        Task producer = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    while (true)
                    {
                        long sequence = ring.Next(1, stop.Token);
                        ring[sequence].Value = sequence;
                        ring.Publish(sequence);
                    }
                }
                catch (OperationCanceledException)
                {
                }
            },
            TaskCreationOptions.LongRunning);

        Assert.True(Wait.Until(() => processor.Sequence.Value > 5_000));
        processor.Halt();
        Wait.AssertCompletes(running);
        stop.Cancel();
        Wait.AssertCompletes(producer);

        RecordingHandler handler = processor.Handler;
        Assert.Equal(processor.Sequence.Value + 1, handler.Events.Count);
        Assert.Equal(Enumerable.Range(0, handler.Events.Count).Select(i => (long)i), handler.Events.Select(e => e.Sequence));
        Assert.True(processor.Sequence.Value <= ring.Cursor);
    }

    [Fact]
    public void Start_AfterHalt_ResumesAfterLastHandledSequence()
    {
        (RingBuffer<TestEvent> ring, BatchEventProcessor<TestEvent, RecordingHandler> processor) = Create(new RecordingHandler());
        Publisher.PublishSequences(ring, 5);
        Task first = processor.Start();
        Wait.DrainAndHalt(processor.Sequence, 4, [processor], first);
        Publisher.PublishSequences(ring, 5);
        Task second = processor.Start();
        Wait.DrainAndHalt(processor.Sequence, 9, [processor], second);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), processor.Handler.Events.Select(e => e.Sequence));
        Assert.Equal(2, processor.Handler.StartCalls);
    }

    [Fact]
    public void Run_OnCallingThread_ReturnsAfterHalt()
    {
        (RingBuffer<TestEvent> ring, BatchEventProcessor<TestEvent, RecordingHandler> processor) = Create(new RecordingHandler());
        Publisher.PublishSequences(ring, 4);
        Task halter = Task.Factory.StartNew(
            () =>
            {
                Assert.True(Wait.Until(() => processor.Sequence.Value == 3));
                processor.Halt();
            },
            TaskCreationOptions.LongRunning);

        processor.Run();
        Wait.AssertCompletes(halter);
        Assert.Equal(Environment.CurrentManagedThreadId, processor.Handler.StartThreadId);
        Assert.Equal(4, processor.Handler.Events.Count);
    }

    internal static (RingBuffer<TestEvent> Ring, BatchEventProcessor<TestEvent, RecordingHandler> Processor) Create(
        RecordingHandler handler,
        IWaitStrategy? waitStrategy = null,
        IExceptionHandler<TestEvent>? exceptionHandler = null)
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(64, waitStrategy ?? new YieldingWaitStrategy());
        var processor = new BatchEventProcessor<TestEvent, RecordingHandler>(ring, ring.NewBarrier(), handler, exceptionHandler);
        ring.AddGatingSequences(processor.Sequence);
        return (ring, processor);
    }
}
