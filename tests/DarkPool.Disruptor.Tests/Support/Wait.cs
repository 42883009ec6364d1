namespace DarkPool.Disruptor.Tests.Support;

/// <summary>Bounded waits, so that a bug shows as a failed assertion rather than a hung test run.</summary>
internal static class Wait
{
    // A hang guard, not a timing assertion: generous, because on a 2-core machine running other test assemblies at the
    // same time, spinning producers and a spinning consumer on a 16-slot ring can take tens of seconds to hand 200,000
    // events over (seen once at 30 s under heavy load); a real lost wake-up still fails, just later.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    public static bool Until(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return true;
    }

    public static void AssertCompletes(Task task)
    {
        Assert.True(task.Wait(Timeout), "The task did not complete in time.");
    }

    public static T Result<T>(Task<T> task)
    {
        AssertCompletes(task);
        return task.Result;
    }

    /// <summary>Stops producers' successors cleanly: waits until <paramref name="last"/> reaches <paramref name="sequence"/>, then halts.</summary>
    public static void DrainAndHalt(Sequence last, long sequence, IEnumerable<IEventProcessor> processors, Task running)
    {
        Assert.True(Until(() => last.Value >= sequence), $"Stopped at {last.Value}, expected {sequence}.");
        foreach (IEventProcessor processor in processors)
        {
            processor.Halt();
        }

        AssertCompletes(running);
    }
}
