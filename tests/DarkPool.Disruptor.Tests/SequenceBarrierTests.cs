using DarkPool.Disruptor.Tests.Support;

namespace DarkPool.Disruptor.Tests;

public sealed class SequenceBarrierTests
{
    [Fact]
    public void WaitFor_SeveralPublished_ReturnsHighestPublishedAsOneBatch()
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(16);
        SequenceBarrier barrier = ring.NewBarrier();
        Publisher.PublishSequences(ring, 5);
        Assert.Equal(4, barrier.WaitFor(0));
        Assert.Equal(4, barrier.WaitFor(3));
    }

    [Fact]
    public void WaitFor_Dependents_ReturnsSlowestDependent()
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(16);
        Publisher.PublishSequences(ring, 10);
        var fast = new Sequence(8);
        var slow = new Sequence(3);
        SequenceBarrier barrier = ring.NewBarrier(fast, slow);
        Assert.Equal(3, barrier.WaitFor(2));
        Assert.Equal(2, barrier.Dependents.Count);
    }

    [Fact]
    public void WaitFor_MultiProducerGapInPublication_StopsBeforeGap()
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateMultiProducer(16);
        SequenceBarrier barrier = ring.NewBarrier();
        long first = ring.Next();
        long second = ring.Next();
        long third = ring.Next();
        ring.Publish(first);
        ring.Publish(third);
        Assert.Equal(2, ring.Cursor);
        Assert.Equal(0, barrier.WaitFor(0));
        Assert.True(barrier.WaitFor(1) < 1, "A claimed but unpublished slot was reported readable.");
        ring.Publish(second);
        Assert.Equal(2, barrier.WaitFor(1));
    }

    [Fact]
    public void WaitFor_MultiProducerPreviousLapStillMarked_NotReported()
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateMultiProducer(4);
        SequenceBarrier barrier = ring.NewBarrier();
        Publisher.PublishSequences(ring, 4);
        Assert.Equal(3, barrier.WaitFor(0));
        long claimed = ring.Next();
        Assert.Equal(4, claimed);
        Assert.True(barrier.WaitFor(4) < 4, "The previous lap's publication was taken for this lap's.");
        ring.Publish(claimed);
        Assert.Equal(4, barrier.WaitFor(4));
    }

    [Fact]
    public void WaitFor_Alerted_ReturnsBelowRequestedEvenWhenAvailable()
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(16);
        SequenceBarrier barrier = ring.NewBarrier();
        Publisher.PublishSequences(ring, 3);
        barrier.Alert();
        Assert.True(barrier.IsAlerted);
        Assert.True(barrier.WaitFor(0) < 0);
        barrier.ClearAlert();
        Assert.False(barrier.IsAlerted);
        Assert.Equal(2, barrier.WaitFor(0));
    }

    [Theory]
    [MemberData(nameof(WaitStrategyCases.All), MemberType = typeof(WaitStrategyCases))]
    public void WaitFor_PublishFromAnotherThread_ReturnsPublishedSequence(string strategy)
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(16, WaitStrategyCases.Create(strategy));
        SequenceBarrier barrier = ring.NewBarrier();
        Task<long> waiter = Task.Factory.StartNew(() => barrier.WaitFor(0), TaskCreationOptions.LongRunning);
        Thread.Sleep(20);
        Publisher.PublishSequences(ring, 1);
        Assert.Equal(0, Wait.Result(waiter));
    }

    [Theory]
    [MemberData(nameof(WaitStrategyCases.All), MemberType = typeof(WaitStrategyCases))]
    public void Alert_WhileWaiting_WaiterReturnsBelowRequested(string strategy)
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(16, WaitStrategyCases.Create(strategy));
        SequenceBarrier barrier = ring.NewBarrier();
        Task<long> waiter = Task.Factory.StartNew(() => barrier.WaitFor(0), TaskCreationOptions.LongRunning);
        Thread.Sleep(20);
        barrier.Alert();
        Assert.True(Wait.Result(waiter) < 0);
    }

    [Theory]
    [MemberData(nameof(WaitStrategyCases.All), MemberType = typeof(WaitStrategyCases))]
    public void WaitFor_DependentAdvancesOnAnotherThread_ReturnsDependentValue(string strategy)
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(16, WaitStrategyCases.Create(strategy));
        Publisher.PublishSequences(ring, 8);
        var upstream = new Sequence();
        SequenceBarrier barrier = ring.NewBarrier(upstream);
        Task<long> waiter = Task.Factory.StartNew(() => barrier.WaitFor(0), TaskCreationOptions.LongRunning);
        Thread.Sleep(20);
        upstream.SetValue(5);
        Assert.Equal(5, Wait.Result(waiter));
    }
}
