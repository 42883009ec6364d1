using DarkPool.Host.Sessions;

namespace DarkPool.Host.Tests.Sessions;

/// <summary>The event logs' segmented FIFO against <see cref="Queue{T}"/> on the same operations.</summary>
public sealed class SegmentedQueueTests
{
    [Fact]
    public void RandomEnqueuesAndDequeues_AcrossManySegments_MatchAQueue()
    {
        var queue = new SegmentedQueue<(ulong Sequence, long Value)>();
        var reference = new Queue<(ulong, long)>();
        var random = new Random(7);
        ulong next = 1;
        for (int step = 0; step < 200_000; step++)
        {
            // Runs of growth and of draining, so the queue crosses segment ends both ways and empties now and then.
            bool grow = (step / 5_000) % 2 == 0 ? random.Next(10) < 7 : random.Next(10) < 3;
            if (grow || reference.Count == 0)
            {
                queue.Enqueue((next, (long)next * 3));
                reference.Enqueue((next, (long)next * 3));
                next++;
            }
            else
            {
                Assert.Equal(reference.Peek(), queue.Peek());
                queue.Dequeue();
                _ = reference.Dequeue();
            }

            Assert.Equal(reference.Count, queue.Count);
            if (step % 9_973 == 0)
            {
                Assert.Equal(reference, queue.Items());
            }
        }

        Assert.Equal(reference, queue.Items());
    }

    [Fact]
    public void EmptyQueue_PeekAndDequeueThrow_AndItGoesOnAfterBeingEmptied()
    {
        var queue = new SegmentedQueue<long>();
        Assert.Throws<InvalidOperationException>(() => queue.Peek());
        Assert.Throws<InvalidOperationException>(() => queue.Dequeue());
        for (long i = 0; i < 5_000; i++)
        {
            queue.Enqueue(i);
        }

        for (long i = 0; i < 5_000; i++)
        {
            Assert.Equal(i, queue.Peek());
            queue.Dequeue();
        }

        Assert.Equal(0, queue.Count);
        Assert.Empty(queue.Items());
        Assert.Throws<InvalidOperationException>(() => queue.Dequeue());
        queue.Enqueue(42);
        Assert.Equal(42, queue.Peek());
        Assert.Equal([42L], queue.Items());
    }
}
