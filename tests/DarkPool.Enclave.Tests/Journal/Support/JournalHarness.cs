using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Storage;

namespace DarkPool.Enclave.Tests.Journal.Support;

/// <summary>Opening journals in tests: asserting a start, or asserting a refusal.</summary>
internal static class JournalHarness
{
    public static JournalOptions Options(long segmentSizeLimit = 64L * 1024 * 1024, int retainedSnapshots = 2, int snapshotWindow = 1024) => new()
    {
        SegmentSizeLimit = segmentSizeLimit,
        RetainedSnapshots = retainedSnapshots,
        SnapshotWindow = snapshotWindow,
    };

    public static OpenedJournal Open(IDataFolder folder, IEnclavePlatform platform, JournalOptions? options = null)
    {
        var target = new RecordingTarget();
        bool opened = SealedJournal.TryOpen(folder, platform, target, options ?? Options(), out SealedJournal? journal, out JournalRecovery? recovery, out JournalOpenError error);
        Assert.True(opened, error.ToString());
        return new OpenedJournal(journal!, recovery!, target);
    }

    public static JournalOpenError Refuse(IDataFolder folder, IEnclavePlatform platform, JournalOptions? options = null)
    {
        bool opened = SealedJournal.TryOpen(folder, platform, new RecordingTarget(), options ?? Options(), out SealedJournal? journal, out _, out JournalOpenError error);
        journal?.Dispose();
        Assert.False(opened, "the journal started although it should have refused");
        Assert.NotEqual(JournalErrorKind.None, error.Kind);
        return error;
    }

    /// <summary>A payload of 0 to <paramref name="maxLength"/> bytes that depends on the seed and the sequence.</summary>
    public static byte[] Payload(Random random, int maxLength = 200)
    {
        var payload = new byte[random.Next(maxLength + 1)];
        random.NextBytes(payload);
        return payload;
    }

    /// <summary>Appends <paramref name="count"/> payloads and commits them in one group.</summary>
    public static List<byte[]> AppendCommitted(SealedJournal journal, Random random, int count, int maxLength = 200)
    {
        var payloads = new List<byte[]>(count);
        for (int i = 0; i < count; i++)
        {
            byte[] payload = Payload(random, maxLength);
            _ = journal.Append(payload);
            payloads.Add(payload);
        }

        _ = journal.Commit();
        return payloads;
    }
}
