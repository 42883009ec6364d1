using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;

namespace DarkPool.Enclave.Tests.Journal;

/// <summary>The host puts an older copy of the folder back while the platform's monotonic counter has moved on.</summary>
public sealed class RollbackTests
{
    private static readonly JournalOptions Options = JournalHarness.Options(segmentSizeLimit: 1_000, snapshotWindow: 256);

    [Fact]
    public void OlderCopyOfTheFolder_AfterANewSegment_IsRefused()
    {
        var platform = new TestPlatform();
        var folder = new FaultyFolder(81);
        var random = new Random(81);
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, Options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, random, 3);
        }

        FaultyFolder copy = folder.CloneDurable(82);
        string copysNewest = TamperTests.Segments(copy)[^1];
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, Options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, random, 3);
        }

        JournalOpenError error = JournalHarness.Refuse(copy, platform, Options);

        Assert.Equal(JournalErrorKind.Rollback, error.Kind);
        Assert.Equal(copysNewest, error.File);
        Assert.Contains($"counter {platform.ReadMonotonicCounter() - 1}", error.Detail, StringComparison.Ordinal);
        Assert.Contains($"counter is {platform.ReadMonotonicCounter()}", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void OlderSnapshotGeneration_IsRefused()
    {
        var platform = new TestPlatform();
        var folder = new FaultyFolder(83);
        var random = new Random(83);
        var model = new JournalModel();
        using OpenedJournal opened = JournalHarness.Open(folder, platform, Options);
        SnapshotTests.Run(opened.Journal, model, random, 20);
        _ = opened.Journal.WriteSnapshot(20, model.StateAt(20));
        SnapshotTests.Run(opened.Journal, model, random, 3);
        FaultyFolder copy = folder.CloneDurable(84);

        SnapshotTests.Run(opened.Journal, model, random, 20);
        _ = opened.Journal.WriteSnapshot(43, model.StateAt(43));
        SnapshotTests.Run(opened.Journal, model, random, 3);

        JournalOpenError error = JournalHarness.Refuse(copy, platform, Options);

        Assert.Equal(JournalErrorKind.Rollback, error.Kind);
        Assert.NotNull(error.File);
    }

    [Fact]
    public void NewestSegmentRemoved_IsRefused()
    {
        var platform = new TestPlatform();
        var folder = new FaultyFolder(85);
        var random = new Random(85);
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, Options))
        {
            for (int i = 0; i < 10; i++)
            {
                _ = JournalHarness.AppendCommitted(opened.Journal, random, 2, maxLength: 120);
            }
        }

        string[] segments = TamperTests.Segments(folder);
        folder.DeleteDurable(segments[^1]);

        JournalOpenError error = JournalHarness.Refuse(folder, platform, Options);

        Assert.Equal(JournalErrorKind.Rollback, error.Kind);
        Assert.Equal(segments[^2], error.File);
    }

    [Fact]
    public void EmptiedFolder_WithTheCounterMoved_IsRefused()
    {
        var platform = new TestPlatform();
        var folder = new FaultyFolder(86);
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, Options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(86), 3);
        }

        foreach (string name in folder.Names)
        {
            folder.DeleteDurable(name);
        }

        JournalOpenError error = JournalHarness.Refuse(folder, platform, Options);

        Assert.Equal(JournalErrorKind.MissingJournal, error.Kind);
        Assert.Empty(folder.Names);
    }

    [Fact]
    public void SnapshotsWithoutSegments_AreRefused()
    {
        var platform = new TestPlatform();
        var folder = new FaultyFolder(87);
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, Options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(87), 3);
            _ = opened.Journal.WriteSnapshot(3, "state"u8);
        }

        foreach (string name in TamperTests.Segments(folder))
        {
            folder.DeleteDurable(name);
        }

        JournalOpenError error = JournalHarness.Refuse(folder, platform, Options);

        Assert.Equal(JournalErrorKind.MissingJournal, error.Kind);
        Assert.Equal("snapshot-00000000000000000003.snap", error.File);
    }

    [Fact]
    public void CounterBehindTheSealedState_IsRefused()
    {
        var platform = new TestPlatform();
        var folder = new FaultyFolder(88);
        for (int start = 0; start < 3; start++)
        {
            using OpenedJournal opened = JournalHarness.Open(folder, platform, Options);
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(start), 2);
        }

        var reset = new TestPlatform(counter: new CounterCell { Value = 1 });

        JournalOpenError error = JournalHarness.Refuse(folder, reset, Options);

        Assert.Equal(JournalErrorKind.CounterBehind, error.Kind);
        Assert.Equal(TamperTests.Segments(folder)[^1], error.File);
    }

    /// <summary>
    /// The limit, stated as a test: between two counter increments (within the newest segment) the host can cut whole
    /// records off the end, and nothing on this machine can tell. The head hash differs from the one handed out before,
    /// which is what anchoring the head on the chain (issue 8) checks.
    /// </summary>
    [Fact]
    public void RecordsCutAtABoundaryInTheNewestSegment_AreTheDocumentedWindow()
    {
        var platform = new TestPlatform();
        var folder = new FaultyFolder(89);
        JournalHead acknowledged;
        int boundary;
        string newest;
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, Options))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(89), 2, maxLength: 50);
            newest = TamperTests.Segments(folder)[^1];
            boundary = folder.LengthOf(newest);
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(90), 2, maxLength: 50);
            acknowledged = opened.Journal.Head;
        }

        folder.TruncateDurable(newest, boundary);
        using OpenedJournal recovered = JournalHarness.Open(folder, platform, Options);

        Assert.Equal(2, recovered.Recovery.Head.Sequence);
        Assert.NotEqual(acknowledged, recovered.Recovery.Head);
        Assert.Null(recovered.Recovery.TornTail);
    }
}
