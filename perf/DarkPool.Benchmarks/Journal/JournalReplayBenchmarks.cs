using BenchmarkDotNet.Attributes;
using DarkPool.Enclave.Journal;

namespace DarkPool.Benchmarks.Journal;

/// <summary>
/// Recovery speed: a journal of one million records (written in groups of 1,000 in the setup, so it sits in the page
/// cache) is opened and replayed in full: every record's CRC checked, decrypted, authenticated and hashed into the
/// chain, then handed to a target that only counts. Time per record (OperationsPerInvoke); the target is 1M records/s.
/// Each open also writes a new segment (one counter increment), a constant few hundred microseconds.
/// </summary>
[MemoryDiagnoser]
public class JournalReplayBenchmarks
{
    private const int Records = 1_000_000;
    private JournalFixture _fixture = null!;

    /// <summary>Payload size in bytes.</summary>
    [Params(64, 256)]
    public int PayloadBytes { get; set; } = 64;

    /// <summary>Writes the journal.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fixture = new JournalFixture();
        var payload = new byte[PayloadBytes];
        new Random(2).NextBytes(payload);
        using SealedJournal journal = _fixture.Open(new CountingTarget());
        for (int i = 0; i < Records; i++)
        {
            _ = journal.Append(payload);
            if (i % 1_000 == 999)
            {
                _ = journal.Commit();
            }
        }

        _ = journal.Commit();
    }

    /// <summary>Removes the journal.</summary>
    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    /// <summary>Open and replay everything.</summary>
    /// <returns>Records replayed.</returns>
    [Benchmark(OperationsPerInvoke = Records)]
    public long Replay()
    {
        var target = new CountingTarget();
        using SealedJournal journal = _fixture.Open(target);
        if (target.Records != Records)
        {
            throw new InvalidOperationException($"replayed {target.Records} records, expected {Records}");
        }

        return target.Records;
    }
}
