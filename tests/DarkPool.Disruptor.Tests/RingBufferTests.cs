using DarkPool.Disruptor.Tests.Support;

namespace DarkPool.Disruptor.Tests;

public sealed class RingBufferTests
{
    public static TheoryData<bool> ProducerKinds => [false, true];

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Create_SizeNotPositivePowerOfTwo_Throws(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RingBuffer<TestEvent>.CreateSingleProducer(size));
        Assert.Throws<ArgumentOutOfRangeException>(() => RingBuffer<TestEvent>.CreateMultiProducer(size));
    }

    [Fact]
    public void Indexer_SequencesOneLapApart_ReturnSameSlot()
    {
        RingBuffer<TestEvent> ring = RingBuffer<TestEvent>.CreateSingleProducer(8);
        ring[3].Value = 42;
        Assert.Equal(42, ring[11].Value);
        Assert.Equal(42, ring[3 + (8 * 1000)].Value);
        Assert.Equal(0, ring[4].Value);
    }

    [Theory]
    [MemberData(nameof(ProducerKinds))]
    public void Next_Batch_ReturnsHighestSequenceOfBatch(bool multi)
    {
        RingBuffer<TestEvent> ring = Create(multi, 16);
        Assert.Equal(0, ring.Next());
        Assert.Equal(4, ring.Next(4));
        Assert.True(ring.TryNext(3, out long hi));
        Assert.Equal(7, hi);
        Assert.True(ring.TryNext(out long single));
        Assert.Equal(8, single);
    }

    [Theory]
    [MemberData(nameof(ProducerKinds))]
    public void Next_BatchOutsideOneToBufferSize_Throws(bool multi)
    {
        RingBuffer<TestEvent> ring = Create(multi, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryNext(-1, out _));
    }

    [Theory]
    [MemberData(nameof(ProducerKinds))]
    public void TryNext_RingFull_ReturnsFalse(bool multi)
    {
        RingBuffer<TestEvent> ring = Create(multi, 8);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        Assert.True(ring.TryNext(8, out long hi));
        ring.Publish(0, hi);
        Assert.False(ring.TryNext(out _));
        Assert.False(ring.HasAvailableCapacity(1));
        Assert.Equal(0, ring.RemainingCapacity());
    }

    [Theory]
    [MemberData(nameof(ProducerKinds))]
    public void TryNext_BatchLargerThanFreeSpace_ReturnsFalseAndClaimsNothing(bool multi)
    {
        RingBuffer<TestEvent> ring = Create(multi, 8);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        Assert.True(ring.TryNext(6, out long hi));
        ring.Publish(0, hi);
        Assert.False(ring.TryNext(3, out _));
        Assert.Equal(2, ring.RemainingCapacity());
        Assert.True(ring.TryNext(2, out long next));
        Assert.Equal(7, next);
    }

    [Theory]
    [MemberData(nameof(ProducerKinds))]
    public void TryNext_AfterConsumerAdvances_ReturnsTrue(bool multi)
    {
        RingBuffer<TestEvent> ring = Create(multi, 4);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        ring.Publish(0, ring.Next(4));
        Assert.False(ring.TryNext(out _));
        consumer.SetValue(1);
        Assert.True(ring.TryNext(2, out long hi));
        Assert.Equal(5, hi);
        Assert.False(ring.TryNext(out _));
    }

    [Theory]
    [MemberData(nameof(ProducerKinds))]
    public void Next_RingFull_ReturnsOnlyAfterConsumerFreesSlot(bool multi)
    {
        RingBuffer<TestEvent> ring = Create(multi, 4);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        ring.Publish(0, ring.Next(4));
        var claim = Task.Run(() =>
        {
            long sequence = ring.Next();
            return (Sequence: sequence, ConsumerSeen: consumer.Value);
        });

        Thread.Sleep(50);
        consumer.SetValue(0);
        (long sequence, long consumerSeen) = Wait.Result(claim);
        Assert.Equal(4, sequence);
        Assert.True(consumerSeen >= 0, "Next returned before the slot was free.");
    }

    [Theory]
    [MemberData(nameof(ProducerKinds))]
    public void Next_RingFullAndCancelled_ThrowsAndClaimsNothing(bool multi)
    {
        RingBuffer<TestEvent> ring = Create(multi, 4);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        ring.Publish(0, ring.Next(4));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        Assert.Throws<OperationCanceledException>(() => ring.Next(1, cancellation.Token));
        consumer.SetValue(3);
        Assert.Equal(4, ring.Next(1, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(ProducerKinds))]
    public void RemoveGatingSequence_Removed_NoLongerLimitsProducer(bool multi)
    {
        RingBuffer<TestEvent> ring = Create(multi, 4);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        ring.Publish(0, ring.Next(4));
        Assert.Equal(-1, ring.GetMinimumGatingSequence());
        Assert.True(ring.RemoveGatingSequence(consumer));
        Assert.False(ring.RemoveGatingSequence(consumer));
        Assert.True(ring.TryNext(out long sequence));
        Assert.Equal(4, sequence);
    }

    [Theory]
    [MemberData(nameof(ProducerKinds))]
    public void Cursor_AfterPublish_CoversPublishedSequence(bool multi)
    {
        RingBuffer<TestEvent> ring = Create(multi, 8);
        Assert.Equal(-1, ring.Cursor);
        long hi = ring.Next(3);
        ring.Publish(hi - 2, hi);
        Assert.Equal(2, ring.Cursor);
    }

    private static RingBuffer<TestEvent> Create(bool multi, int size) => multi
        ? RingBuffer<TestEvent>.CreateMultiProducer(size, new YieldingWaitStrategy())
        : RingBuffer<TestEvent>.CreateSingleProducer(size, new YieldingWaitStrategy());
}
