using System.Diagnostics;
using System.Globalization;
using DarkPool.Host;

/// <summary>
/// With <c>--timeline 1</c>, what happened in the server's process in each second of the measured window, to set
/// beside the generator's per-second latency lines: collections (and how many reached gen1 or gen2), settlement batches
/// signed, snapshots serialised (sampled every 20 ms; the seconds count from when the generator opened its window).
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
        (int gen0, int gen1, int gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        ulong signed = host.Settlement.Progress.LastSigned;
        int snapshots = host.SnapshotPauses.Count;
        while (!_stop)
        {
            Thread.Sleep(20);
            int second = (int)Stopwatch.GetElapsedTime(opened).TotalSeconds;
            (int g0, int g1, int g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            for (int i = gen0; i < g0; i++)
            {
                _events.Add((second, "collection"));
            }

            for (int i = gen1; i < g1; i++)
            {
                _events.Add((second, "gen1"));
            }

            for (int i = gen2; i < g2; i++)
            {
                _events.Add((second, "gen2"));
            }

            ulong nowSigned = host.Settlement.Progress.LastSigned;
            for (ulong b = signed; b < nowSigned; b++)
            {
                _events.Add((second, "batch signed"));
            }

            SnapshotCount(second, ref snapshots);
            (gen0, gen1, gen2, signed) = (g0, g1, g2, nowSigned);
        }
    }

    private void SnapshotCount(int second, ref int snapshots)
    {
        DarkPool.Enclave.Pipeline.SnapshotPauses pauses = host.SnapshotPauses;
        if (pauses.Count > snapshots)
        {
            _events.Add((second, string.Create(CultureInfo.InvariantCulture, $"snapshot ({pauses.Last.TotalMilliseconds:F0} ms pause)")));
            snapshots = pauses.Count;
        }
    }
}
