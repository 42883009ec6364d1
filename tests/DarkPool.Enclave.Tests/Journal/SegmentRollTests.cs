using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;

namespace DarkPool.Enclave.Tests.Journal;

public sealed class SegmentRollTests
{
    [Fact]
    public void Commit_PastTheSizeLimit_RollsToNewSegments_AndReplaysAcrossThem()
    {
        var folder = new FaultyFolder(21);
        var platform = new TestPlatform();
        var random = new Random(21);
        var options = JournalHarness.Options(segmentSizeLimit: 2_000);
        var payloads = new List<byte[]>();
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, options))
        {
            for (int i = 0; i < 40; i++)
            {
                payloads.AddRange(JournalHarness.AppendCommitted(opened.Journal, random, 3));
            }
        }

        int segments = folder.Names.Count(n => n.EndsWith(".seg", StringComparison.Ordinal));
        Assert.True(segments > 5, $"only {segments} segments");
        Assert.Equal((ulong)segments, platform.ReadMonotonicCounter());
        Assert.True(folder.Names.Where(n => n.EndsWith(".seg", StringComparison.Ordinal)).All(n => folder.LengthOf(n) <= 2_000 || n == folder.Names[^1]));

        using OpenedJournal reopened = JournalHarness.Open(folder, platform, options);

        Assert.Equal(payloads, reopened.Target.Records.Select(r => r.Payload));
    }

    [Fact]
    public void Roll_SyncsTheFolderBeforeTheFirstRecordGoesIn_AndMovesTheCounterOnce()
    {
        var folder = new FaultyFolder(22);
        var platform = new TestPlatform();
        var options = JournalHarness.Options(segmentSizeLimit: 500);
        using OpenedJournal opened = JournalHarness.Open(folder, platform, options);
        _ = opened.Journal.Append(new byte[300]);
        _ = opened.Journal.Commit();
        int syncs = folder.FolderSyncs;
        int increments = platform.Increments;
        int flushes = folder.Flushes;

        _ = opened.Journal.Append(new byte[300]);
        _ = opened.Journal.Commit();

        Assert.Equal(syncs + 1, folder.FolderSyncs);
        Assert.Equal(increments + 1, platform.Increments);
        Assert.Equal(flushes + 2, folder.Flushes); // the new segment's header, then the group
        Assert.Equal(2, folder.Names.Count);
    }

    [Fact]
    public void Commit_LargerThanASegment_GoesWholeIntoOneSegment()
    {
        var folder = new FaultyFolder(23);
        var platform = new TestPlatform();
        var options = JournalHarness.Options(segmentSizeLimit: 400);
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, options))
        {
            _ = opened.Journal.Append(new byte[10]);
            _ = opened.Journal.Commit();
            for (int i = 0; i < 10; i++)
            {
                _ = opened.Journal.Append(new byte[100]);
            }

            _ = opened.Journal.Commit();
        }

        using OpenedJournal reopened = JournalHarness.Open(folder, platform, options);

        Assert.Equal(11, reopened.Recovery.Head.Sequence);
    }

    [Fact]
    public void Crash_BetweenDurableSegmentAndCounterIncrement_RecoversAndCatchesUp()
    {
        var folder = new FaultyFolder(24);
        var platform = new TestPlatform();
        platform.BeforeIncrement = folder.Tick;
        var options = JournalHarness.Options(segmentSizeLimit: 500);
        var random = new Random(24);
        List<byte[]> committed;
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, options))
        {
            committed = JournalHarness.AppendCommitted(opened.Journal, random, 1, maxLength: 300);
            _ = opened.Journal.Append(new byte[400]);

            // The roll: create (1), header (2), fsync (3), folder fsync (4), counter increment (5) crashes.
            folder.CrashAfter(5);
            _ = Assert.Throws<Enclave.Journal.JournalFaultedException>(() => opened.Journal.Commit());
        }

        ulong counter = platform.ReadMonotonicCounter();
        folder.Restart();
        using OpenedJournal recovered = JournalHarness.Open(folder, platform, options);

        Assert.Equal(committed, recovered.Target.Records.Select(r => r.Payload));
        Assert.Equal(counter + 2, recovered.Recovery.CounterValue);
        Assert.Equal(counter + 2, platform.ReadMonotonicCounter());
        Assert.Contains(recovered.Recovery.RemovedFiles, name => name.EndsWith(".seg", StringComparison.Ordinal));
    }

    [Fact]
    public void Crash_WhileCreatingASegment_DropsTheHalfCreatedFile()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var folder = new FaultyFolder(seed);
            var platform = new TestPlatform();
            var options = JournalHarness.Options(segmentSizeLimit: 500);
            using (OpenedJournal opened = JournalHarness.Open(folder, platform, options))
            {
                _ = opened.Journal.Append(new byte[300]);
                _ = opened.Journal.Commit();
                _ = opened.Journal.Append(new byte[300]);
                folder.CrashAfter(2); // the segment header's write is torn
                _ = Assert.Throws<Enclave.Journal.JournalFaultedException>(() => opened.Journal.Commit());
            }

            folder.Restart();
            using OpenedJournal recovered = JournalHarness.Open(folder, platform, options);

            Assert.Equal(1, recovered.Recovery.Head.Sequence);
            Assert.Single(recovered.Target.Records);
        }
    }
}
