using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Storage;
using HdrHistogram;

namespace DarkPool.Benchmarks.Journal;

/// <summary>
/// The latency a response waits for durability: one commit of a small group, timed one by one into an HdrHistogram
/// (BenchmarkDotNet's own statistics are over iteration means, not single commits). The percentiles are printed at
/// the end of each case, in microseconds, over every commit of the run (warm-up included). The bare fsync of a 4 KiB
/// append on the same disk is measured alongside, as the floor.
/// </summary>
[MemoryDiagnoser]
public class JournalCommitLatencyBenchmarks
{
    private static readonly double TicksPerMicrosecond = Stopwatch.Frequency / 1_000_000.0;
    private readonly LongHistogram _histogram = new(TimeSpan.TicksPerSecond * 10, 3);
    private JournalFixture _fixture = null!;
    private SealedJournal _journal = null!;
    private IAppendableFile _raw = null!;
    private byte[] _payload = [];
    private byte[] _page = [];

    /// <summary>Records per commit.</summary>
    [Params(1, 64)]
    public int Group { get; set; } = 1;

    /// <summary>Opens a journal and a plain file in a fresh folder.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fixture = new JournalFixture();
        _journal = _fixture.Open(new CountingTarget());
        _raw = _fixture.Folder.CreateFile("raw-fsync.bin");
        _payload = new byte[128];
        _page = new byte[4096];
        _histogram.Reset();
    }

    /// <summary>Prints the percentiles and removes the folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_histogram.TotalCount > 0)
        {
            Console.WriteLine(
                $"// commit latency, group {Group}, {_histogram.TotalCount} samples (us): p50 {Us(50)}  p90 {Us(90)}  p99 {Us(99)}  p99.9 {Us(99.9)}  max {_histogram.GetMaxValue() / TicksPerMicrosecond:F0}");
        }

        _raw.Dispose();
        _journal.Dispose();
        _fixture.Dispose();
    }

    /// <summary>Append <see cref="Group"/> records of 128 bytes and commit, timed into the histogram.</summary>
    /// <returns>The durable sequence.</returns>
    [Benchmark]
    public long Commit()
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Group; i++)
        {
            _ = _journal.Append(_payload);
        }

        long durable = _journal.Commit();
        _histogram.RecordValue(Stopwatch.GetTimestamp() - start);
        return durable;
    }

    /// <summary>The floor: a 4 KiB append and an fsync on a plain file, no journal.</summary>
    [Benchmark(Baseline = true)]
    public void RawFsync4KiB()
    {
        _raw.Append(_page);
        _raw.Flush();
    }

    private string Us(double percentile) => (_histogram.GetValueAtPercentile(percentile) / TicksPerMicrosecond).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
}
