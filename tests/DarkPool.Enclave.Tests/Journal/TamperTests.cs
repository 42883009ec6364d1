using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;

namespace DarkPool.Enclave.Tests.Journal;

/// <summary>What a host could do to the files, beyond damage: drop, repeat, reorder, splice, rename.</summary>
public sealed class TamperTests
{
    private static readonly JournalOptions Options = JournalHarness.Options(segmentSizeLimit: 1_000, snapshotWindow: 256);

    [Fact]
    public void MiddleSegmentDeleted_IsAGap()
    {
        (FaultyFolder folder, TestPlatform platform) = Build(61);
        string[] segments = Segments(folder);
        folder.DeleteDurable(segments[2]);

        JournalOpenError error = JournalHarness.Refuse(folder, platform, Options);

        Assert.Equal(JournalErrorKind.SequenceGap, error.Kind);
        Assert.Equal(segments[3], error.File);
        Assert.Equal(SegmentLayout.SealedOffset, error.Offset);
    }

    [Fact]
    public void RecordSkippingASequence_IsAGap()
    {
        (FaultyFolder folder, TestPlatform platform) = Build(62);
        JournalHead head = HeadOf(folder, platform);
        string newest = Segments(folder)[^1];
        int offset = folder.LengthOf(newest);
        Forger.AppendRecord(folder, platform, newest, head.Sequence + 2, head.Hash.ToArray(), "forged"u8);

        JournalOpenError error = JournalHarness.Refuse(folder, platform, Options);

        Assert.Equal(JournalErrorKind.SequenceGap, error.Kind);
        Assert.Equal(newest, error.File);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void RecordRepeated_IsRefused()
    {
        (FaultyFolder folder, TestPlatform platform) = Build(63);
        string older = Segments(folder)[1];
        byte[] content = folder.ContentOf(older);
        List<int> offsets = Forger.RecordOffsets(content);
        byte[] firstRecord = content[offsets[0]..offsets[1]];
        string newest = Segments(folder)[^1];
        int offset = folder.LengthOf(newest);
        folder.AppendDurable(newest, firstRecord);

        JournalOpenError error = JournalHarness.Refuse(folder, platform, Options);

        Assert.Equal(JournalErrorKind.SequenceGap, error.Kind);
        Assert.Equal(newest, error.File);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void RecordWithAnotherPreviousHash_IsABrokenChain()
    {
        (FaultyFolder folder, TestPlatform platform) = Build(64);
        JournalHead head = HeadOf(folder, platform);
        string newest = Segments(folder)[^1];
        int offset = folder.LengthOf(newest);
        Forger.AppendRecord(folder, platform, newest, head.Sequence + 1, new byte[32], "forged"u8);

        JournalOpenError error = JournalHarness.Refuse(folder, platform, Options);

        Assert.Equal(JournalErrorKind.BrokenChain, error.Kind);
        Assert.Equal(newest, error.File);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void SegmentFromAnotherHistorySpliced_IsABrokenChain()
    {
        // Two histories of one journal diverge after record 10; the host keeps history A up to its first segment and
        // puts history B's next segment after it. Sequences line up; the chain does not.
        var platform = new TestPlatform();
        var a = new FaultyFolder(65);
        var options = JournalHarness.Options(segmentSizeLimit: 100_000);
        using (OpenedJournal opened = JournalHarness.Open(a, platform, options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(1), 10);
        }

        FaultyFolder b = a.CloneDurable(66);
        var platformB = new TestPlatform(counter: new CounterCell { Value = platform.ReadMonotonicCounter() });
        using (OpenedJournal opened = JournalHarness.Open(a, platform, options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(2), 5);
        }

        using (OpenedJournal opened = JournalHarness.Open(b, platformB, options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(3), 5);
        }

        using (OpenedJournal opened = JournalHarness.Open(b, platformB, options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(4), 5);
        }

        string spliced = Segments(b)[^1];
        Assert.StartsWith("journal-00000000000000000016-", spliced, StringComparison.Ordinal);
        a.CopyFrom(b, spliced);

        JournalOpenError error = JournalHarness.Refuse(a, platform, options);

        Assert.Equal(JournalErrorKind.BrokenChain, error.Kind);
        Assert.Equal(spliced, error.File);
        Assert.Equal(SegmentLayout.SealedOffset, error.Offset);
    }

    [Fact]
    public void SnapshotFromAnotherHistory_DoesNotMatchTheJournal()
    {
        var platform = new TestPlatform();
        var a = new FaultyFolder(67);
        var options = JournalHarness.Options(segmentSizeLimit: 100_000);
        using (OpenedJournal opened = JournalHarness.Open(a, platform, options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(1), 10);
        }

        FaultyFolder b = a.CloneDurable(68);
        var platformB = new TestPlatform(counter: new CounterCell { Value = platform.ReadMonotonicCounter() });
        using (OpenedJournal opened = JournalHarness.Open(b, platformB, options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(3), 5);
            _ = opened.Journal.WriteSnapshot(13, "history B"u8);
        }

        using (OpenedJournal opened = JournalHarness.Open(a, platform, options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(2), 5);
        }

        a.CopyFrom(b, "snapshot-00000000000000000013.snap");

        JournalOpenError error = JournalHarness.Refuse(a, platform, options);

        Assert.Equal(JournalErrorKind.SnapshotMismatch, error.Kind);
        Assert.Equal("snapshot-00000000000000000013.snap", error.File);
    }

    [Fact]
    public void SnapshotPastTheJournalsEnd_DoesNotMatchTheJournal()
    {
        (FaultyFolder folder, TestPlatform platform) = Build(69);
        string newest = Segments(folder)[^1];
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, Options))
        {
            _ = opened.Journal.Append("one more"u8);
            _ = opened.Journal.Commit();
            _ = opened.Journal.WriteSnapshot(opened.Journal.DurableSequence, "state"u8);
        }

        // The host cuts the record the snapshot is at (the documented window) but keeps the snapshot.
        string active = Segments(folder)[^1];
        folder.TruncateDurable(active, SegmentLayout.HeaderSize);

        JournalOpenError error = JournalHarness.Refuse(folder, platform, Options);

        Assert.Equal(JournalErrorKind.SnapshotMismatch, error.Kind);
        Assert.StartsWith("snapshot-", error.File, StringComparison.Ordinal);
        Assert.NotEqual(newest, active);
    }

    [Fact]
    public void SegmentFromAnotherJournal_IsForeign()
    {
        var platform = new TestPlatform();
        (FaultyFolder folder, _) = Build(70, platform);
        var other = new FaultyFolder(71);
        using (OpenedJournal opened = JournalHarness.Open(other, new TestPlatform(), Options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(1), 3);
        }

        string foreign = Segments(other)[0];
        folder.CopyFrom(other, foreign);

        JournalOpenError error = JournalHarness.Refuse(folder, platform, Options);

        Assert.Equal(JournalErrorKind.ForeignFile, error.Kind);
        Assert.Equal(foreign, error.File);
    }

    [Theory]
    [InlineData("journal-00000000000000000001.seg")]
    [InlineData("snapshot-latest.snap")]
    public void FileNamedLikeOursButMalformed_IsForeign(string name)
    {
        (FaultyFolder folder, TestPlatform platform) = Build(72);
        folder.CopyFrom(folder, Segments(folder)[0], name);

        JournalOpenError error = JournalHarness.Refuse(folder, platform, Options);

        Assert.Equal(JournalErrorKind.ForeignFile, error.Kind);
        Assert.Equal(name, error.File);
    }

    [Fact]
    public void SegmentRenamed_DisagreesWithItsSealedHeader()
    {
        (FaultyFolder folder, TestPlatform platform) = Build(73);
        string segment = Segments(folder)[1];
        string renamed = segment[..29] + "99999999999999999999.seg";
        folder.CopyFrom(folder, segment, renamed);
        folder.DeleteDurable(segment);

        JournalOpenError error = JournalHarness.Refuse(folder, platform, Options);

        Assert.Equal(JournalErrorKind.ForeignFile, error.Kind);
        Assert.Equal(renamed, error.File);
    }

    [Fact]
    public void UnrelatedFiles_AreLeftAlone()
    {
        (FaultyFolder folder, TestPlatform platform) = Build(74);
        folder.CopyFrom(folder, Segments(folder)[0], "notes.txt");

        using OpenedJournal opened = JournalHarness.Open(folder, platform, Options);

        Assert.Contains("notes.txt", folder.Names);
    }

    internal static string[] Segments(FaultyFolder folder) =>
        folder.Names.Where(n => n.EndsWith(".seg", StringComparison.Ordinal)).ToArray();

    private static JournalHead HeadOf(FaultyFolder folder, TestPlatform platform)
    {
        using OpenedJournal opened = JournalHarness.Open(folder, platform, Options);
        return opened.Journal.Head;
    }

    private static (FaultyFolder Folder, TestPlatform Platform) Build(int seed, TestPlatform? platform = null)
    {
        var folder = new FaultyFolder(seed);
        platform ??= new TestPlatform();
        var random = new Random(seed);
        using OpenedJournal opened = JournalHarness.Open(folder, platform, Options);
        for (int i = 0; i < 12; i++)
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, random, 2, maxLength: 120);
        }

        Assert.True(Segments(folder).Length >= 4);
        return (folder, platform);
    }
}
