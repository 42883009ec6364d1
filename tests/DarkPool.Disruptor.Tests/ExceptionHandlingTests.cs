using DarkPool.Disruptor.Tests.Support;

namespace DarkPool.Disruptor.Tests;

public sealed class ExceptionHandlingTests
{
    [Fact]
    public void OnEvent_HandlerThrowsAndExceptionHandlerReturns_FailedEventSkippedAndLaterEventsHandled()
    {
        var exceptions = new RecordingExceptionHandler();
        (RingBuffer<TestEvent> ring, BatchEventProcessor<TestEvent, RecordingHandler> processor) =
            BatchEventProcessorTests.Create(new RecordingHandler { ThrowOn = s => s is 3 or 7 }, exceptionHandler: exceptions);
        Publisher.PublishSequences(ring, 10, batch: 10);
        Task running = processor.Start();
        Wait.DrainAndHalt(processor.Sequence, 9, [processor], running);

        Assert.Equal([3L, 7L], exceptions.EventFailures.Select(f => f.Sequence));
        Assert.All(exceptions.EventFailures, f => Assert.IsType<InvalidOperationException>(f.Exception));
        Assert.Equal([0L, 1, 2, 4, 5, 6, 8, 9], processor.Handler.Events.Select(e => e.Sequence));
        Assert.Equal(-1, ring[3].Stage1);
        Assert.Equal(-1, ring[7].Stage1);
        Assert.True(running.IsCompletedSuccessfully);
    }

    [Fact]
    public void OnEvent_HandlerThrowsWithDefaultHandler_TaskFaultsAndSequenceStopsBeforeFailedEvent()
    {
        (RingBuffer<TestEvent> ring, BatchEventProcessor<TestEvent, RecordingHandler> processor) =
            BatchEventProcessorTests.Create(new RecordingHandler { ThrowOn = s => s == 5 });
        Publisher.PublishSequences(ring, 10, batch: 10);
        Task running = processor.Start();

        Assert.True(Wait.Until(() => running.IsCompleted));
        Assert.True(running.IsFaulted);
        InvalidOperationException error = Assert.IsType<InvalidOperationException>(running.Exception!.InnerException);
        Assert.Equal("event 5 failed", error.Message);
        Assert.Equal(4, processor.Sequence.Value);
        Assert.Equal(5, processor.Handler.Events.Count);
        Assert.Equal(1, processor.Handler.ShutdownCalls);
        Assert.False(processor.IsRunning);
    }

    [Fact]
    public void OnStart_ThrowsWithDefaultHandler_TaskFaultsBeforeAnyEvent()
    {
        (RingBuffer<TestEvent> ring, BatchEventProcessor<TestEvent, RecordingHandler> processor) =
            BatchEventProcessorTests.Create(new RecordingHandler { ThrowOnStart = true });
        Publisher.PublishSequences(ring, 3);
        Task running = processor.Start();

        Assert.True(Wait.Until(() => running.IsCompleted));
        Assert.True(running.IsFaulted);
        Assert.Empty(processor.Handler.Events);
        Assert.Equal(-1, processor.Sequence.Value);
        Assert.Equal(1, processor.Handler.ShutdownCalls);
    }

    [Fact]
    public void OnStart_ThrowsAndExceptionHandlerReturns_EventsStillHandled()
    {
        var exceptions = new RecordingExceptionHandler();
        (RingBuffer<TestEvent> ring, BatchEventProcessor<TestEvent, RecordingHandler> processor) =
            BatchEventProcessorTests.Create(new RecordingHandler { ThrowOnStart = true }, exceptionHandler: exceptions);
        Publisher.PublishSequences(ring, 3);
        Task running = processor.Start();
        Wait.DrainAndHalt(processor.Sequence, 2, [processor], running);

        Assert.Single(exceptions.StartFailures);
        Assert.Equal(3, processor.Handler.Events.Count);
    }

    [Fact]
    public void OnShutdown_ThrowsAndExceptionHandlerReturns_RunEndsNormally()
    {
        var exceptions = new RecordingExceptionHandler();
        (_, BatchEventProcessor<TestEvent, RecordingHandler> processor) =
            BatchEventProcessorTests.Create(new RecordingHandler { ThrowOnShutdown = true }, exceptionHandler: exceptions);
        Task running = processor.Start();
        processor.Halt();
        Wait.AssertCompletes(running);

        Assert.Single(exceptions.ShutdownFailures);
        Assert.False(processor.IsRunning);
    }

    [Fact]
    public void OnShutdown_ThrowsWithDefaultHandler_TaskFaults()
    {
        (_, BatchEventProcessor<TestEvent, RecordingHandler> processor) =
            BatchEventProcessorTests.Create(new RecordingHandler { ThrowOnShutdown = true });
        Task running = processor.Start();
        processor.Halt();

        Assert.True(Wait.Until(() => running.IsCompleted));
        Assert.True(running.IsFaulted);
        Assert.IsType<InvalidOperationException>(running.Exception!.InnerException);
    }
}
