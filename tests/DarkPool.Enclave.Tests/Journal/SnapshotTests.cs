using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Journal.Internal;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;

namespace DarkPool.Enclave.Tests.Journal;

public sealed class SnapshotTests
{
    [Fact]
    public void Recovery_RestoresTheSnapshot_ThenReplaysOnlyTheRecordsAfterIt()
    {
        var folder = new FaultyFolder(31);
        var platform = new TestPlatform();
        var random = new Random(31);
        var model = new JournalModel();
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            Run(opened.Journal, model, random, 25);
            SnapshotInfo info = opened.Journal.WriteSnapshot(20, model.StateAt(20));
            Assert.Equal(20, info.Position);
            Run(opened.Journal, model, random, 10);
        }

        using OpenedJournal recovered = JournalHarness.Open(folder, platform);

        Assert.Equal(new SnapshotInfo(20, "snapshot-00000000000000000020.snap"), recovered.Recovery.Snapshot);
        Assert.Equal(20, recovered.Target.SnapshotPosition);
        Assert.Equal(15, recovered.Recovery.ReplayedRecords);
        model.Verify(recovered);
    }

    [Fact]
    public void WriteSnapshot_RightAfterRecovery_AtAReplayedPosition_Recovers()
    {
        var folder = new FaultyFolder(38);
        var platform = new TestPlatform();
        var random = new Random(38);
        var model = new JournalModel();
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            Run(opened.Journal, model, random, 20);
        }

        using (OpenedJournal reopened = JournalHarness.Open(folder, platform))
        {
            model.Verify(reopened);
            _ = reopened.Journal.WriteSnapshot(15, model.StateAt(15));
        }

        using OpenedJournal recovered = JournalHarness.Open(folder, platform);

        Assert.Equal(15, recovered.Recovery.Snapshot!.Position);
        model.Verify(recovered);
    }

    [Fact]
    public void ReserveSnapshotRoom_ThenAWriteOfThatSize_KeepsTheBuffer_AndTheSnapshotRecovers()
    {
        var folder = new FaultyFolder(61);
        var platform = new TestPlatform();
        var random = new Random(61);
        var model = new JournalModel();
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            Run(opened.Journal, model, random, 25);
            byte[] state = model.StateAt(20);
            opened.Journal.ReserveSnapshotRoom(state.Length);
            byte[] reserved = opened.Journal.SnapshotFileBuffer;
            Assert.NotEmpty(reserved);

            _ = opened.Journal.WriteSnapshot(20, state);

            Assert.Same(reserved, opened.Journal.SnapshotFileBuffer);
            Assert.All(reserved, b => Assert.Equal(0, b)); // cleared after the write, as without a reserve

            // A smaller reserve later leaves the larger buffer alone.
            opened.Journal.ReserveSnapshotRoom(1);
            Assert.Same(reserved, opened.Journal.SnapshotFileBuffer);
        }

        using OpenedJournal recovered = JournalHarness.Open(folder, platform);

        Assert.Equal(20, recovered.Recovery.Snapshot!.Position);
        model.Verify(recovered);
    }

    [Fact]
    public void WriteSnapshot_LargerThanTheReserve_GrowsTheBuffer_AndRecovers()
    {
        var folder = new FaultyFolder(62);
        var platform = new TestPlatform();
        var random = new Random(62);
        var model = new JournalModel();
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            Run(opened.Journal, model, random, 25);
            byte[] state = model.StateAt(20);
            opened.Journal.ReserveSnapshotRoom(0);
            byte[] reserved = opened.Journal.SnapshotFileBuffer;
            Assert.Equal(SnapshotContent.FileSize(0), reserved.Length); // room for an empty state: the reserve happened

            _ = opened.Journal.WriteSnapshot(20, state);

            Assert.NotSame(reserved, opened.Journal.SnapshotFileBuffer);
        }

        using OpenedJournal recovered = JournalHarness.Open(folder, platform);

        Assert.Equal(20, recovered.Recovery.Snapshot!.Position);
        model.Verify(recovered);
    }

    [Fact]
    public void ReserveSnapshotRoom_NegativeSize_Throws_AndAfterDispose_DoesNothing()
    {
        OpenedJournal opened = JournalHarness.Open(new FaultyFolder(63), new TestPlatform());
        SealedJournal journal = opened.Journal;

        _ = Assert.Throws<ArgumentOutOfRangeException>(() => journal.ReserveSnapshotRoom(-1));

        opened.Dispose();
        journal.ReserveSnapshotRoom(1024);
        Assert.Empty(journal.SnapshotFileBuffer);
    }

    [Fact]
    public void WriteSnapshot_PositionNotDurable_Throws()
    {
        using OpenedJournal opened = JournalHarness.Open(new FaultyFolder(32), new TestPlatform());
        _ = opened.Journal.Append("a"u8);
        _ = opened.Journal.Commit();
        _ = opened.Journal.Append("b"u8);

        _ = Assert.Throws<ArgumentOutOfRangeException>(() => opened.Journal.WriteSnapshot(2, "state"u8));
        _ = Assert.Throws<ArgumentOutOfRangeException>(() => opened.Journal.WriteSnapshot(0, "state"u8));
    }

    [Fact]
    public void WriteSnapshot_PositionOutsideTheWindow_Throws()
    {
        var options = JournalHarness.Options(snapshotWindow: 8);
        using OpenedJournal opened = JournalHarness.Open(new FaultyFolder(33), new TestPlatform(), options);
        for (int i = 0; i < 20; i++)
        {
            _ = opened.Journal.Append([(byte)i]);
        }

        _ = opened.Journal.Commit();

        _ = Assert.Throws<ArgumentOutOfRangeException>(() => opened.Journal.WriteSnapshot(12, "s"u8));
        Assert.Equal(13, opened.Journal.WriteSnapshot(13, "s"u8).Position);
    }

    [Fact]
    public void WriteSnapshot_PrunesToTheRetainedSnapshotsAndTheSegmentsTheyNeed()
    {
        var folder = new FaultyFolder(34);
        var platform = new TestPlatform();
        var random = new Random(34);
        var model = new JournalModel();
        var options = JournalHarness.Options(segmentSizeLimit: 1_500, retainedSnapshots: 2);
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, options))
        {
            for (int round = 1; round <= 6; round++)
            {
                Run(opened.Journal, model, random, 30);
                _ = opened.Journal.WriteSnapshot(model.Committed, model.StateAt(model.Committed));
            }

            Run(opened.Journal, model, random, 5);
        }

        string[] snapshots = folder.Names.Where(n => n.StartsWith("snapshot-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["snapshot-00000000000000000150.snap", "snapshot-00000000000000000180.snap"], snapshots);
        string firstSegment = folder.Names.First(n => n.StartsWith("journal-", StringComparison.Ordinal));
        long firstSequence = long.Parse(firstSegment.AsSpan(8, 20), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(firstSequence, 2, 151);

        using OpenedJournal recovered = JournalHarness.Open(folder, platform, options);

        Assert.Equal(180, recovered.Recovery.Snapshot!.Position);
        model.Verify(recovered);
    }

    [Fact]
    public void Recovery_NewestSnapshotDamaged_FallsBackToTheOlderOne_AndSaysSo()
    {
        var folder = new FaultyFolder(35);
        var platform = new TestPlatform();
        var random = new Random(35);
        var model = new JournalModel();
        var options = JournalHarness.Options(segmentSizeLimit: 1_500);
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, options))
        {
            Run(opened.Journal, model, random, 30);
            _ = opened.Journal.WriteSnapshot(30, model.StateAt(30));
            Run(opened.Journal, model, random, 30);
            _ = opened.Journal.WriteSnapshot(60, model.StateAt(60));
            Run(opened.Journal, model, random, 5);
        }

        folder.FlipBit("snapshot-00000000000000000060.snap", 150, 3);
        using OpenedJournal recovered = JournalHarness.Open(folder, platform, options);

        Assert.Equal(30, recovered.Recovery.Snapshot!.Position);
        SkippedSnapshot skipped = Assert.Single(recovered.Recovery.SkippedSnapshots);
        Assert.Equal("snapshot-00000000000000000060.snap", skipped.File);
        Assert.Equal(SnapshotLayout.SealedOffset, skipped.Offset);
        Assert.Contains("AuthenticationFailed", skipped.Reason, StringComparison.Ordinal);
        model.Verify(recovered);
    }

    [Fact]
    public void Recovery_LeftoverTemporary_IsRemoved()
    {
        var folder = new FaultyFolder(36);
        var platform = new TestPlatform();
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            _ = opened.Journal.Append("a"u8);
            _ = opened.Journal.Commit();
            folder.CrashAfter(5); // delete temp (1), create temp (2), write (3), fsync (4), rename (5) crashes
            _ = Assert.Throws<SimulatedCrashException>(() => opened.Journal.WriteSnapshot(1, "state"u8));
        }

        folder.Restart();
        using OpenedJournal recovered = JournalHarness.Open(folder, platform);

        Assert.DoesNotContain(folder.Names, n => n.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Null(recovered.Recovery.Snapshot);
        Assert.Single(recovered.Target.Records);
    }

    [Fact]
    public void WriteSnapshot_WhileTheAppenderGoesOn_EveryCommittedRecordRecovers()
    {
        var folder = new FaultyFolder(37);
        var platform = new TestPlatform();
        var options = JournalHarness.Options(segmentSizeLimit: 4_000, snapshotWindow: 100_000);
        var payloads = new List<byte[]>();
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, options))
        {
            SealedJournal journal = opened.Journal;
            using var done = new ManualResetEventSlim();
            int snapshots = 0;
            var writer = new Thread(() =>
            {
                while (!done.IsSet)
                {
                    long durable = journal.DurableSequence;
                    if (durable > 0)
                    {
                        _ = journal.WriteSnapshot(durable, BitConverter.GetBytes(durable));
                        snapshots++;
                    }

                    Thread.Yield();
                }
            });
            writer.Start();
            var random = new Random(37);
            for (int i = 0; i < 400 || snapshots < 3; i++)
            {
                payloads.AddRange(JournalHarness.AppendCommitted(journal, random, 5, maxLength: 40));
            }

            done.Set();
            writer.Join();
        }

        using OpenedJournal recovered = JournalHarness.Open(folder, platform, options);

        long position = recovered.Target.SnapshotPosition!.Value;
        Assert.Equal(BitConverter.GetBytes(position), recovered.Target.SnapshotState);
        Assert.Equal(payloads.Skip((int)position), recovered.Target.Records.Select(r => r.Payload));
    }

    [Fact]
    public void WriteSnapshot_StateOfSeveralSlices_IsWrittenSliceBySliceAndFsyncedOnce_AndALaterSmallerOneRecoversExactly()
    {
        var folder = new FaultyFolder(41);
        var platform = new TestPlatform();
        var random = new Random(41);
        var model = new JournalModel();
        byte[] large = new byte[(5 * SealedJournal.SnapshotSlice) + 123];
        random.NextBytes(large);
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            Run(opened.Journal, model, random, 10);
            (int flushes, int appends) = (folder.Flushes, folder.Appends);

            _ = opened.Journal.WriteSnapshot(8, large);

            int file = DarkPool.Enclave.Journal.Internal.SnapshotContent.FileSize(large.Length);
            int slices = (file + SealedJournal.SnapshotSlice - 1) / SealedJournal.SnapshotSlice;
            Assert.Equal(6, slices);
            Assert.Equal(slices, folder.Appends - appends); // written (and written back) slice by slice
            Assert.Equal(1, folder.Flushes - flushes); // and made durable by one fsync
        }

        using (OpenedJournal reopened = JournalHarness.Open(folder, platform))
        {
            Assert.Equal(8, reopened.Target.SnapshotPosition);
            Assert.Equal(large, reopened.Target.SnapshotState);
            Run(reopened.Journal, model, random, 5);

            // The buffer the large snapshot was sealed in is reused (this journal grew it by recovering nothing yet,
            // so seal a large one first): the small one that follows must carry none of the large one's bytes.
            _ = reopened.Journal.WriteSnapshot(12, large);
            _ = reopened.Journal.WriteSnapshot(15, "small"u8);
        }

        using OpenedJournal recovered = JournalHarness.Open(folder, platform);
        Assert.Equal(15, recovered.Target.SnapshotPosition);
        Assert.Equal("small"u8.ToArray(), recovered.Target.SnapshotState);
        Assert.Equal(0, recovered.Recovery.ReplayedRecords);
    }

    [Theory]
    [InlineData(1)] // before the first slice
    [InlineData(3)] // from here on, between the six slices' writes
    [InlineData(6)]
    [InlineData(9)] // at the one fsync
    public void WriteSnapshot_CrashWhileWritingSlices_RecoversFromTheRecordsWithNoHalfSnapshot(int crashAt)
    {
        var folder = new FaultyFolder(42 + crashAt);
        var platform = new TestPlatform();
        var random = new Random(42);
        var model = new JournalModel();
        byte[] large = new byte[5 * SealedJournal.SnapshotSlice];
        random.NextBytes(large);
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            Run(opened.Journal, model, random, 10);
            folder.CrashAfter(crashAt);
            _ = Assert.Throws<SimulatedCrashException>(() => opened.Journal.WriteSnapshot(9, large));
            Assert.True(folder.HasCrashed);
        }

        folder.Restart();
        using OpenedJournal recovered = JournalHarness.Open(folder, platform);

        // The snapshot never became visible (only the rename after the last slice makes it so): every record replays.
        Assert.Null(recovered.Recovery.Snapshot);
        Assert.Equal(10, recovered.Recovery.ReplayedRecords);
        model.Verify(recovered);
    }

    [Fact]
    public void Prune_ASegmentOfSeveralMegabytes_IsFreedStepByStepAsDebrisThenDeleted()
    {
        var folder = new FaultyFolder(51);
        var platform = new TestPlatform();
        var model = new JournalModel();
        var options = JournalHarness.Options(segmentSizeLimit: 3 * SealedJournal.PruneStep, retainedSnapshots: 1);
        using OpenedJournal opened = JournalHarness.Open(folder, platform, options);
        AppendLarge(opened.Journal, model, new Random(51), 400); // ~6.4 MB: two closed segments of 3 MiB and an active one
        string[] segments = [.. folder.ListFiles().Where(n => n.StartsWith("journal-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
        Assert.True(segments.Length >= 3, string.Join(", ", segments));
        long operations = folder.Operations;

        _ = opened.Journal.WriteSnapshot(model.Committed, model.StateAt(model.Committed));

        string[] left = [.. folder.ListFiles()];
        Assert.DoesNotContain(segments[0], left);
        Assert.DoesNotContain(left, n => n.EndsWith(".tmp", StringComparison.Ordinal));
        // Snapshot: 6 operations; per pruned segment a rename, then 2 truncations of 1 MiB and the delete; 2 folder syncs.
        int pruned = segments.Count(n => !left.Contains(n));
        Assert.InRange(pruned, 1, segments.Length - 1);
        Assert.Equal(6 + (pruned * 4) + 2, folder.Operations - operations);
    }

    [Theory]
    [InlineData(9)] // operations 1-6 write the snapshot, 7-8 rename the segment to debris and sync the folder
    [InlineData(10)] // the two truncations
    [InlineData(11)] // the delete
    public void Prune_CrashWhileFreeingASegment_RecoveryRemovesTheDebrisAndRecovers(int crashAt)
    {
        var folder = new FaultyFolder(52 + crashAt);
        var platform = new TestPlatform();
        var model = new JournalModel();
        var options = JournalHarness.Options(segmentSizeLimit: 3 * SealedJournal.PruneStep, retainedSnapshots: 1);
        string first;
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, options))
        {
            AppendLarge(opened.Journal, model, new Random(52), 400);
            first = folder.ListFiles().Where(n => n.StartsWith("journal-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();
            folder.CrashAfter(crashAt);
            _ = Assert.Throws<SimulatedCrashException>(() => opened.Journal.WriteSnapshot(model.Committed, model.StateAt(model.Committed)));
        }

        folder.Restart();
        using OpenedJournal recovered = JournalHarness.Open(folder, platform, options);

        Assert.Equal(model.Committed, recovered.Recovery.Snapshot!.Position);
        Assert.Contains(first + ".tmp", recovered.Recovery.RemovedFiles);
        Assert.DoesNotContain(folder.ListFiles(), n => n.EndsWith(".tmp", StringComparison.Ordinal));
        model.Verify(recovered);
    }

    [Fact]
    public void WriteSnapshot_WithoutPrune_LeavesTheOldFiles_ThenPruneSnapshotsDeletesThem()
    {
        var folder = new FaultyFolder(53);
        var platform = new TestPlatform();
        var model = new JournalModel();
        var options = JournalHarness.Options(segmentSizeLimit: 3 * SealedJournal.PruneStep, retainedSnapshots: 1);
        using OpenedJournal opened = JournalHarness.Open(folder, platform, options);
        AppendLarge(opened.Journal, model, new Random(53), 400);
        string first = folder.ListFiles().Where(n => n.StartsWith("journal-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();

        _ = opened.Journal.WriteSnapshot(model.Committed, model.StateAt(model.Committed), prune: false);
        Assert.Contains(first, folder.ListFiles());

        int deleted = opened.Journal.PruneSnapshots(CancellationToken.None);
        Assert.True(deleted >= 1, $"{deleted}");
        Assert.DoesNotContain(first, folder.ListFiles());
        Assert.DoesNotContain(folder.ListFiles(), n => n.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Equal(0, opened.Journal.PruneSnapshots(CancellationToken.None)); // nothing more to prune
    }

    [Fact]
    public void PruneSnapshots_Cancelled_StopsBeforeFreeing_LeavesDebris_WhichRecoveryRemoves()
    {
        var folder = new FaultyFolder(54);
        var platform = new TestPlatform();
        var model = new JournalModel();
        var options = JournalHarness.Options(segmentSizeLimit: 3 * SealedJournal.PruneStep, retainedSnapshots: 1);
        string first;
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, options))
        {
            AppendLarge(opened.Journal, model, new Random(54), 400);
            first = folder.ListFiles().Where(n => n.StartsWith("journal-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();
            _ = opened.Journal.WriteSnapshot(model.Committed, model.StateAt(model.Committed), prune: false);

            Assert.Equal(0, opened.Journal.PruneSnapshots(new CancellationToken(canceled: true)));
            Assert.Contains(first + ".tmp", folder.ListFiles()); // renamed to debris, not freed
        }

        using OpenedJournal recovered = JournalHarness.Open(folder, platform, options);

        Assert.Equal(model.Committed, recovered.Recovery.Snapshot!.Position);
        Assert.Contains(first + ".tmp", recovered.Recovery.RemovedFiles);
        Assert.DoesNotContain(folder.ListFiles(), n => n.EndsWith(".tmp", StringComparison.Ordinal));
        model.Verify(recovered);
    }

    private static void AppendLarge(SealedJournal journal, JournalModel model, Random random, int records)
    {
        for (int i = 0; i < records; i++)
        {
            byte[] payload = new byte[16_000];
            random.NextBytes(payload);
            model.Append(journal.Append(payload), payload);
            if (i % 8 == 7 || i == records - 1)
            {
                model.Commit(journal.Commit(), journal.Head);
            }
        }
    }

    internal static void Run(SealedJournal journal, JournalModel model, Random random, int records)
    {
        for (int i = 0; i < records; i++)
        {
            byte[] payload = JournalHarness.Payload(random, 60);
            model.Append(journal.Append(payload), payload);
            if (random.Next(4) == 0 || i == records - 1)
            {
                model.Commit(journal.Commit(), journal.Head);
            }
        }
    }
}
