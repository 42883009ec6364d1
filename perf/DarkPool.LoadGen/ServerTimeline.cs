using System.Diagnostics;
using System.Globalization;
using DarkPool.Host;

/// <summary>
/// With <c>--timeline 1</c>, what happened in the server's process in each second of the measured window, to set
/// beside the generator's per-second latency lines: collections (and how many reached gen1 or gen2), settlement batches
/// signed, snapshots serialised and later written (with the millisecond within the second), and the collector's pauses
/// in that second with the newest collection seen at each sample (its generation, whether it was a background one, its
/// own pauses, what it promoted and the heap after it; collections that began and ended between two samples show only
/// in the counts and the pause total). Sampled every 20 ms; the seconds count from when the generator opened its window.
/// </summary>
internal sealed class ServerTimeline(EnclaveHost host)
{
    private readonly List<(int Second, string What)> _events = [];
    private Thread? _sampler;
    private volatile bool _stop;

    public void Start()
    {
        long opened = Stopwatch.GetTimestamp();
        _sampler = new Thread(() => Sample(opened)) { IsBackground = true, Name = "loadgen-server-timeline" };
        _sampler.Start();
    }

    public void StopAndPrint()
    {
        _stop = true;
        _sampler?.Join();
        foreach (IGrouping<int, (int Second, string What)> second in _events.GroupBy(e => e.Second).OrderBy(g => g.Key))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  server second {second.Key,3}: {string.Join(", ", second.GroupBy(e => e.What).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}"))}"));
        }
    }

    private void Sample(long opened)
    {
        (int Gen0, int Gen1, int Gen2, ulong Signed, int Snapshots) last = Counts();
        TimeSpan paused = GC.GetTotalPauseDuration();
        long lastIndex = GC.GetGCMemoryInfo(GCKind.Any).Index;
        int snapshotsWritten = host.SnapshotsWritten;
        while (!_stop)
        {
            Thread.Sleep(20);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(opened);
            int second = (int)elapsed.TotalSeconds;
            int millisecond = elapsed.Milliseconds;
            (int Gen0, int Gen1, int Gen2, ulong Signed, int Snapshots) now = Counts();
            Add(second, now.Gen0 - last.Gen0, "collection");
            Add(second, now.Gen1 - last.Gen1, "gen1");
            Add(second, now.Gen2 - last.Gen2, "gen2");
            Add(second, (int)(now.Signed - last.Signed), "batch signed");
            if (now.Snapshots > last.Snapshots)
            {
                _events.Add((second, string.Create(CultureInfo.InvariantCulture, $"snapshot at {millisecond} ms ({host.SnapshotPauses.Last.TotalMilliseconds:F0} ms pause)")));
            }

            int written = host.SnapshotsWritten;
            if (written > snapshotsWritten)
            {
                snapshotsWritten = written;
                _events.Add((second, string.Create(CultureInfo.InvariantCulture, $"snapshot written by {millisecond} ms")));
            }

            last = now;
            TimeSpan pausedNow = GC.GetTotalPauseDuration();
            if (pausedNow > paused)
            {
                _events.Add((second, string.Create(CultureInfo.InvariantCulture, $"paused {(pausedNow - paused).TotalMilliseconds:F1} ms")));
                paused = pausedNow;
            }

            GCMemoryInfo newest = GC.GetGCMemoryInfo(GCKind.Any);
            if (newest.Index != lastIndex && newest.Index != 0)
            {
                lastIndex = newest.Index;
                _events.Add((second, Describe(newest)));
            }
        }
    }

    private static string Describe(GCMemoryInfo gc)
    {
        double pauses = 0;
        foreach (TimeSpan pause in gc.PauseDurations)
        {
            pauses += pause.TotalMilliseconds;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"[gen{gc.Generation}{(gc.Concurrent ? " background" : string.Empty)}{(gc.Compacted ? " compacting" : string.Empty)} {pauses:F1} ms, promoted {gc.PromotedBytes / 1e6:F1} MB, heap {gc.HeapSizeBytes / 1e6:F0} MB]");
    }

    private (int Gen0, int Gen1, int Gen2, ulong Signed, int Snapshots) Counts() =>
        (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), host.Settlement.Progress.LastSigned, host.SnapshotPauses.Count);

    private void Add(int second, int count, string what)
    {
        for (int i = 0; i < count; i++)
        {
            _events.Add((second, what));
        }
    }
}
