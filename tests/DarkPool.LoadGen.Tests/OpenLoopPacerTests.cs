using System.Diagnostics;

namespace DarkPool.LoadGen.Tests;

public sealed class OpenLoopPacerTests
{
    [Fact]
    public void ItemsGoInOrder_NeverBeforeTheirPlannedTime_AndTheLastWaitCallComesAfterTheLastItem()
    {
        double rate = 1_000;
        long start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 50);
        long end = start + (Stopwatch.Frequency * 30 / 1_000);
        var handed = new List<(long Item, long At)>();
        var events = new List<string>();

        OpenLoopPacer.Run(start, rate, end, k =>
        {
            handed.Add((k, Stopwatch.GetTimestamp()));
            events.Add("item");
        }, () => events.Add("wait"));

        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), handed.Select(h => h.Item));
        foreach ((long item, long at) in handed)
        {
            Assert.True(at >= start + (long)(item * Stopwatch.Frequency / rate), $"item {item} was handed on before its planned time");
        }

        Assert.Equal("wait", events[^1]);
    }

    [Fact]
    public void APacerRunningBehind_StillCallsBeforeWait_AtLeastEvery64Items()
    {
        // Every item is already due: the pacer never sleeps, and a deferred send must not wait for the end of the run.
        long start = Stopwatch.GetTimestamp() - Stopwatch.Frequency;
        long end = start + (Stopwatch.Frequency / 2);
        int sinceWait = 0, longest = 0, items = 0;

        OpenLoopPacer.Run(start, 1_000, end, _ =>
        {
            items++;
            sinceWait++;
            longest = Math.Max(longest, sinceWait);
        }, () => sinceWait = 0);

        Assert.Equal(500, items);
        Assert.InRange(longest, 1, OpenLoopPacer.MostWithoutWait);
        Assert.Equal(0, sinceWait);
    }
}
