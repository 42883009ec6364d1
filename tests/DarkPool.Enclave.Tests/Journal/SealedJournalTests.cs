using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;

namespace DarkPool.Enclave.Tests.Journal;

public sealed class SealedJournalTests
{
    [Fact]
    public void TryOpen_EmptyFolder_CreatesNewJournal()
    {
        var folder = new FaultyFolder(1);
        var platform = new TestPlatform();

        using OpenedJournal opened = JournalHarness.Open(folder, platform);

        Assert.True(opened.Recovery.CreatedNew);
        Assert.Equal(default, opened.Recovery.Head);
        Assert.Equal(0, opened.Journal.DurableSequence);
        Assert.Equal(1UL, platform.ReadMonotonicCounter());
        Assert.Equal(1UL, opened.Recovery.CounterValue);
        Assert.Single(folder.Names);
    }

    [Fact]
    public void Append_ThenCommit_ReplaysEveryPayloadByteForByte()
    {
        var folder = new FaultyFolder(2);
        var platform = new TestPlatform();
        var random = new Random(2);
        List<byte[]> payloads;
        JournalHead head;
        using (OpenedJournal first = JournalHarness.Open(folder, platform))
        {
            payloads = JournalHarness.AppendCommitted(first.Journal, random, 50);
            payloads.AddRange(JournalHarness.AppendCommitted(first.Journal, random, 7));
            head = first.Journal.Head;
        }

        using OpenedJournal second = JournalHarness.Open(folder, platform);

        Assert.False(second.Recovery.CreatedNew);
        Assert.Null(second.Recovery.Snapshot);
        Assert.Equal(57, second.Recovery.ReplayedRecords);
        Assert.Equal(head, second.Recovery.Head);
        Assert.Equal(Enumerable.Range(1, 57).Select(i => (long)i), second.Target.Records.Select(r => r.Sequence));
        Assert.Equal(payloads, second.Target.Records.Select(r => r.Payload));
        Assert.Null(second.Recovery.TornTail);
    }

    [Fact]
    public void Append_ReturnsConsecutiveSequences_AndNothingIsDurableBeforeCommit()
    {
        using OpenedJournal opened = JournalHarness.Open(new FaultyFolder(3), new TestPlatform());
        SealedJournal journal = opened.Journal;

        Assert.Equal(1, journal.Append("a"u8));
        Assert.Equal(2, journal.Append("b"u8));
        Assert.Equal(2, journal.LastAppendedSequence);
        Assert.Equal(0, journal.DurableSequence);
        Assert.Equal(0, journal.Head.Sequence);

        Assert.Equal(2, journal.Commit());
        Assert.Equal(2, journal.DurableSequence);
        Assert.Equal(2, journal.Head.Sequence);
        Assert.False(journal.Head.Hash.IsZero);
        Assert.Equal(3, journal.Append("c"u8));
    }

    [Fact]
    public void Commit_NothingStaged_ReturnsDurableSequenceWithoutWriting()
    {
        var folder = new FaultyFolder(4);
        using OpenedJournal opened = JournalHarness.Open(folder, new TestPlatform());
        _ = opened.Journal.Append("x"u8);
        _ = opened.Journal.Commit();
        long operations = folder.Operations;

        Assert.Equal(1, opened.Journal.Commit());
        Assert.Equal(operations, folder.Operations);
    }

    [Fact]
    public void Append_EmptyPayload_RoundTrips()
    {
        var folder = new FaultyFolder(5);
        var platform = new TestPlatform();
        using (OpenedJournal first = JournalHarness.Open(folder, platform))
        {
            _ = first.Journal.Append([]);
            _ = first.Journal.Commit();
        }

        using OpenedJournal second = JournalHarness.Open(folder, platform);

        Assert.Equal(1, Assert.Single(second.Target.Records).Sequence);
        Assert.Empty(second.Target.Records[0].Payload);
    }

    [Fact]
    public void Append_PayloadOverTheLimit_Throws()
    {
        var options = new JournalOptions { MaxPayloadLength = 16 };
        using OpenedJournal opened = JournalHarness.Open(new FaultyFolder(6), new TestPlatform(), options);

        _ = Assert.Throws<ArgumentException>(() => opened.Journal.Append(new byte[17]));
        Assert.Equal(1, opened.Journal.Append(new byte[16]));
    }

    [Fact]
    public void Head_ChangesWithEveryRecord_AndSurvivesReopen()
    {
        var folder = new FaultyFolder(7);
        var platform = new TestPlatform();
        var heads = new HashSet<JournalHead>();
        JournalHead last;
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            for (int i = 0; i < 20; i++)
            {
                _ = opened.Journal.Append([(byte)i]);
                _ = opened.Journal.Commit();
                Assert.True(heads.Add(opened.Journal.Head));
            }

            last = opened.Journal.Head;
        }

        using OpenedJournal reopened = JournalHarness.Open(folder, platform);

        Assert.Equal(last, reopened.Journal.Head);
        Assert.Equal(last, reopened.Recovery.Head);
    }

    [Fact]
    public void SegmentFiles_HoldNoPayloadInTheClear()
    {
        var folder = new FaultyFolder(8);
        byte[] secret = "resting order: buy 12 at 34500"u8.ToArray();
        using (OpenedJournal opened = JournalHarness.Open(folder, new TestPlatform()))
        {
            _ = opened.Journal.Append(secret);
            _ = opened.Journal.Commit();
            _ = opened.Journal.WriteSnapshot(1, secret);
        }

        foreach (string name in folder.Names)
        {
            Assert.Equal(-1, folder.ContentOf(name).AsSpan().IndexOf(secret));
        }
    }

    [Fact]
    public void Commit_AfterStorageFailure_FaultsForGood()
    {
        var folder = new FaultyFolder(9);
        using OpenedJournal opened = JournalHarness.Open(folder, new TestPlatform());
        _ = opened.Journal.Append("a"u8);
        folder.CrashAfter(1);

        JournalFaultedException fault = Assert.Throws<JournalFaultedException>(() => opened.Journal.Commit());
        Assert.IsType<SimulatedCrashException>(fault.InnerException);
        Assert.True(opened.Journal.IsFaulted);
        Assert.Equal(0, opened.Journal.DurableSequence);
        _ = Assert.Throws<JournalFaultedException>(() => opened.Journal.Append("b"u8));
        _ = Assert.Throws<JournalFaultedException>(() => opened.Journal.Commit());
    }

    [Fact]
    public void Commit_FailingToRollTheSegment_LeavesNoStagedPayloadInTheClear()
    {
        var folder = new FaultyFolder(13);
        using OpenedJournal opened = JournalHarness.Open(folder, new TestPlatform(), new JournalOptions { SegmentSizeLimit = SegmentLayout.HeaderSize + JournalRecordLayout.Overhead + 100 });
        _ = opened.Journal.Append("first"u8);
        _ = opened.Journal.Commit();

        // The next group does not fit the segment: the commit rolls first, and creating the new segment fails.
        byte[] secret = Enumerable.Repeat((byte)0x5A, 300).ToArray();
        _ = opened.Journal.Append(secret);
        Assert.False(opened.Journal.StagingIsClear);
        folder.CrashAfter(0);

        _ = Assert.Throws<JournalFaultedException>(() => opened.Journal.Commit());
        Assert.True(opened.Journal.StagingIsClear);
    }

    [Fact]
    public void Dispose_WithStagedRecords_ClearsThem()
    {
        var folder = new FaultyFolder(14);
        OpenedJournal opened = JournalHarness.Open(folder, new TestPlatform());
        _ = opened.Journal.Append(Enumerable.Repeat((byte)0x5A, 64).ToArray());
        Assert.False(opened.Journal.StagingIsClear);

        opened.Dispose();
        Assert.True(opened.Journal.StagingIsClear);
    }

    [Fact]
    public void Options_OutOfRange_AreRefused()
    {
        var folder = new FaultyFolder(10);
        var platform = new TestPlatform();
        var target = new RecordingTarget();

        foreach (JournalOptions bad in new[]
        {
            new JournalOptions { SegmentSizeLimit = 10 },
            new JournalOptions { SegmentSizeLimit = JournalOptions.MaxSegmentSizeLimit + 1 },
            new JournalOptions { MaxPayloadLength = JournalRecordLayout.MaxPayloadLength + 1 },
            new JournalOptions { RetainedSnapshots = 0 },
            new JournalOptions { SnapshotWindow = 0 },
        })
        {
            _ = Assert.Throws<ArgumentOutOfRangeException>(() => SealedJournal.TryOpen(folder, platform, target, bad, out _, out _, out _));
        }

        Assert.Empty(folder.Names);
    }
}
