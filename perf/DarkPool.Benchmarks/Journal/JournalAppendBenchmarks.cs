using BenchmarkDotNet.Attributes;
using DarkPool.Enclave.Journal;

namespace DarkPool.Benchmarks.Journal;

/// <summary>
/// Group commit on real files: append a group of records, then one commit (one write, one fsync). The reported time is
/// per record (OperationsPerInvoke = group size), so records/s = 1 / mean. Each group pays one fsync, so small groups
/// show the fsync latency and large ones the sealing cost (AES-256-GCM, SHA-256 chain, CRC).
/// </summary>
[MemoryDiagnoser]
public class JournalAppendBenchmarks
{
    private JournalFixture _fixture = null!;
    private SealedJournal _journal = null!;
    private byte[] _payload = [];

    /// <summary>Payload size in bytes: a small command and a padded one.</summary>
    [Params(64, 256)]
    public int PayloadBytes { get; set; } = 64;

    /// <summary>Opens a new journal in a fresh folder.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fixture = new JournalFixture();
        _journal = _fixture.Open(new CountingTarget());
        _payload = new byte[PayloadBytes];
        new Random(1).NextBytes(_payload);
    }

    /// <summary>Closes the journal and removes its folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _journal.Dispose();
        _fixture.Dispose();
    }

    /// <summary>One record per commit: every record pays an fsync.</summary>
    /// <returns>The durable sequence.</returns>
    [Benchmark(OperationsPerInvoke = 1)]
    public long Group1() => AppendCommit(1);

    /// <summary>16 records per commit.</summary>
    /// <returns>The durable sequence.</returns>
    [Benchmark(OperationsPerInvoke = 16)]
    public long Group16() => AppendCommit(16);

    /// <summary>256 records per commit.</summary>
    /// <returns>The durable sequence.</returns>
    [Benchmark(OperationsPerInvoke = 256)]
    public long Group256() => AppendCommit(256);

    /// <summary>4,096 records per commit (a full ring's worth under load).</summary>
    /// <returns>The durable sequence.</returns>
    [Benchmark(OperationsPerInvoke = 4096)]
    public long Group4096() => AppendCommit(4096);

    private long AppendCommit(int group)
    {
        for (int i = 0; i < group; i++)
        {
            _ = _journal.Append(_payload);
        }

        return _journal.Commit();
    }
}
