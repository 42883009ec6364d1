using System.Diagnostics;

/// <summary>
/// Walks an open-loop schedule in time order on one thread: item k is due at start + k / rate. Each due item is handed
/// on at once (never before its time); between items the thread sleeps, so the pacing itself costs next to nothing and
/// no timer is armed per request. The handler must not block: it only queues the item for whoever sends it.
/// </summary>
internal static class OpenLoopPacer
{
    /// <summary>How many items a pacer that never sleeps (it runs behind) hands on between two <c>beforeWait</c> calls.</summary>
    public const int MostWithoutWait = 64;

    /// <summary>
    /// Hands item k to <paramref name="due"/> at start + k / rate until <paramref name="end"/>; <paramref name="beforeWait"/>
    /// runs each time the thread is about to sleep, after every <see cref="MostWithoutWait"/> items handed on without a
    /// sleep (a pacer that runs behind still lets its items go), and at the end: the lean client's deferred sends leave then.
    /// </summary>
    public static void Run(long start, double rate, long end, Action<long> due, Action? beforeWait = null)
    {
        double ticksPerItem = Stopwatch.Frequency / rate;
        int sinceWait = 0;
        for (long k = 0; ; k++)
        {
            long planned = start + (long)(k * ticksPerItem);
            if (planned >= end)
            {
                beforeWait?.Invoke();
                return;
            }

            // Thread.Sleep(1) wakes about a millisecond later; the items that fell due meanwhile go out together, each
            // still measured from its own planned time.
            if (Stopwatch.GetTimestamp() < planned)
            {
                beforeWait?.Invoke();
                sinceWait = 0;
                while (Stopwatch.GetTimestamp() < planned)
                {
                    Thread.Sleep(1);
                }
            }
            else if (++sinceWait == MostWithoutWait)
            {
                beforeWait?.Invoke();
                sinceWait = 0;
            }

            due(k);
        }
    }
}
