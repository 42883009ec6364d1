using System.Diagnostics;

/// <summary>
/// Walks an open-loop schedule in time order on one thread: item k is due at start + k / rate. Each due item is handed
/// on at once (never before its time); between items the thread sleeps, so the pacing itself costs next to nothing and
/// no timer is armed per request. The handler must not block: it only queues the item for whoever sends it.
/// </summary>
internal static class OpenLoopPacer
{
    public static void Run(long start, double rate, long end, Action<long> due)
    {
        double ticksPerItem = Stopwatch.Frequency / rate;
        for (long k = 0; ; k++)
        {
            long planned = start + (long)(k * ticksPerItem);
            if (planned >= end)
            {
                return;
            }

            // Thread.Sleep(1) wakes about a millisecond later; the items that fell due meanwhile go out together, each
            // still measured from its own planned time.
            while (Stopwatch.GetTimestamp() < planned)
            {
                Thread.Sleep(1);
            }

            due(k);
        }
    }
}
