namespace DarkPool.Disruptor.Tests.Support;

/// <summary>Producer loops shared by the tests.</summary>
internal static class Publisher
{
    /// <summary>Publishes <paramref name="count"/> events whose value is their sequence, in claims of <paramref name="batch"/>.</summary>
    public static void PublishSequences(RingBuffer<TestEvent> ring, long count, int batch = 1)
    {
        long published = 0;
        while (published < count)
        {
            int n = (int)Math.Min(batch, count - published);
            long hi = ring.Next(n);
            long lo = hi - n + 1;
            for (long sequence = lo; sequence <= hi; sequence++)
            {
                ref TestEvent slot = ref ring[sequence];
                slot.Value = sequence;
                slot.Producer = 0;
                slot.Counter = sequence;
                slot.Stage1 = 0;
                slot.Stage2 = 0;
            }

            ring.Publish(lo, hi);
            published += n;
        }
    }

    /// <summary>Publishes <paramref name="count"/> events tagged with the producer and a per-producer counter.</summary>
    public static void PublishTagged(RingBuffer<TestEvent> ring, int producer, long count, int maxBatch)
    {
        long counter = 0;
        var random = new Random(producer);
        while (counter < count)
        {
            int n = (int)Math.Min(random.Next(1, maxBatch + 1), count - counter);
            long hi = ring.Next(n);
            long lo = hi - n + 1;
            for (long sequence = lo; sequence <= hi; sequence++)
            {
                ref TestEvent slot = ref ring[sequence];
                slot.Value = sequence;
                slot.Producer = producer;
                slot.Counter = counter++;
                slot.Stage1 = 0;
                slot.Stage2 = 0;
            }

            ring.Publish(lo, hi);
        }
    }
}
