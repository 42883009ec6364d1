using DarkPool.Host.Settlement;

namespace DarkPool.Host.Tests.Settlement;

public sealed class LowPrioritySchedulerTests
{
    [Fact]
    public async Task Tasks_RunInOrderOnTheNamedThread_WhoseNiceIsLowered()
    {
        int callerNice = OwnNice();
        using var scheduler = new LowPriorityScheduler("test-low");
        var seen = new List<int>();
        var runs = new List<Task<(string? Name, int Nice)>>();
        for (int i = 0; i < 5; i++)
        {
            int n = i;
            runs.Add(Task.Factory.StartNew(() =>
            {
                seen.Add(n);
                return (Thread.CurrentThread.Name, OwnNice());
            }, CancellationToken.None, TaskCreationOptions.DenyChildAttach | TaskCreationOptions.RunContinuationsAsynchronously, scheduler));
        }

        (string? Name, int Nice)[] results = await Task.WhenAll(runs);
        Assert.NotEqual("test-low", Thread.CurrentThread.Name);

        Assert.Equal([0, 1, 2, 3, 4], seen);
        Assert.All(results, r => Assert.Equal("test-low", r.Name));
        if (OperatingSystem.IsLinux())
        {
            // Relative to the thread that created it (whose nice the new thread starts with), never above it.
            int expected = Math.Min(19, callerNice + LowPriorityScheduler.NiceIncrement);
            Assert.Equal(callerNice < 19, scheduler.Lowered);
            Assert.All(results, r => Assert.Equal(expected, r.Nice));
            Assert.Equal(callerNice, OwnNice()); // the caller's own priority is untouched
        }
    }

    [Fact]
    public async Task Dispose_RunsWhatWasQueued_ThenRefusesMore()
    {
        var scheduler = new LowPriorityScheduler("test-low-dispose");
        Task<int> queued = Task.Factory.StartNew(() => 42, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler);

        scheduler.Dispose();

        Assert.Equal(42, await queued);
        scheduler.Dispose(); // a second dispose does nothing
        _ = Assert.Throws<TaskSchedulerException>(() =>
        {
            _ = Task.Factory.StartNew(() => 1, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler);
        });
    }

    // Linux: field 19 of /proc/thread-self/stat is the calling thread's nice value (fields after the parenthesised name).
    private static int OwnNice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        string stat = File.ReadAllText("/proc/thread-self/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
