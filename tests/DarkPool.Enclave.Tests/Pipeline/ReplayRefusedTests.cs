using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;
using DarkPool.Enclave.Tests.Pipeline.Support;

namespace DarkPool.Enclave.Tests.Pipeline;

/// <summary>An intact journal whose records the enclave cannot apply stops the start, naming the file and offset.</summary>
public sealed class ReplayRefusedTests
{
    [Fact]
    public void Open_RecordTheCoreRefuses_FailsReplayRefusedWithFileAndOffset()
    {
        var folder = new FaultyFolder(3);
        var platform = new TestPlatform();
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            _ = opened.Journal.Append(EnclaveRecords.Tick(1));
            byte[] tooLong = [.. EnclaveRecords.Tick(2), 0xFF];
            _ = opened.Journal.Append(tooLong);
            _ = opened.Journal.Commit();
        }

        using var core = new EnclaveCore(EnclaveHarness.CoreOptions);
        bool started = SealedJournal.TryOpen(folder, platform, core, JournalHarness.Options(), out SealedJournal? journal, out _, out JournalOpenError error);
        journal?.Dispose();

        Assert.False(started);
        Assert.Equal(JournalErrorKind.ReplayRefused, error.Kind);
        Assert.NotNull(error.File);
        Assert.True(error.Offset > 0);
        Assert.Contains("record 2", error.Detail, StringComparison.Ordinal);
    }
}
