using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;

namespace DarkPool.Enclave.Tests.Journal;

/// <summary>The journal is sealed under the product policy: a newer build reads it, an older one does not.</summary>
public sealed class UpgradeTests
{
    [Fact]
    public void NewerBuildOfTheProduct_RecoversTheJournalAndSnapshots()
    {
        var platform = new TestPlatform(securityVersion: 3, build: "build A");
        var folder = new FaultyFolder(91);
        var random = new Random(91);
        var model = new JournalModel();
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            SnapshotTests.Run(opened.Journal, model, random, 20);
            _ = opened.Journal.WriteSnapshot(10, model.StateAt(10));
        }

        TestPlatform upgraded = platform.Upgraded(securityVersion: 4, build: "build B");
        using OpenedJournal recovered = JournalHarness.Open(folder, upgraded);

        Assert.NotEqual(platform.Identity.MrEnclave, upgraded.Identity.MrEnclave);
        Assert.Equal(10, recovered.Recovery.Snapshot!.Position);
        model.Verify(recovered);
    }

    [Fact]
    public void OlderBuild_CannotReadWhatANewerOneSealed()
    {
        var platform = new TestPlatform(securityVersion: 4, build: "build B");
        var folder = new FaultyFolder(92);
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(92), 5);
        }

        JournalOpenError error = JournalHarness.Refuse(folder, platform.Upgraded(securityVersion: 3, build: "build A"));

        Assert.Equal(JournalErrorKind.CorruptSegmentHeader, error.Kind);
        Assert.Equal(SegmentLayout.SealedOffset, error.Offset);
        Assert.Contains("SecurityVersionTooNew", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherMachine_CannotReadTheJournal()
    {
        var folder = new FaultyFolder(93);
        using (OpenedJournal opened = JournalHarness.Open(folder, new TestPlatform()))
        {
            _ = JournalHarness.AppendCommitted(opened.Journal, new Random(93), 5);
        }

        var elsewhere = new TestPlatform(secret: new byte[32], counter: new CounterCell { Value = 1 });
        JournalOpenError error = JournalHarness.Refuse(folder, elsewhere);

        Assert.Equal(JournalErrorKind.CorruptSegmentHeader, error.Kind);
        Assert.Contains("AuthenticationFailed", error.Detail, StringComparison.Ordinal);
    }
}
