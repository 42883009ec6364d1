using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;

namespace DarkPool.Enclave.Tests.Journal;

public sealed class TornTailTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(50)]
    [InlineData(-1)] // all but the first byte of the last record is gone
    public void LastRecordCutShort_IsDroppedAndTheFileRepaired(int cut)
    {
        (FaultyFolder folder, TestPlatform platform, List<byte[]> payloads) = Build(seed: 41);
        string newest = folder.Names.Last(n => n.EndsWith(".seg", StringComparison.Ordinal));
        byte[] content = folder.ContentOf(newest);
        int lastRecord = Forger.RecordOffsets(content)[^1];
        int length = cut > 0 ? content.Length - cut : lastRecord + 1;
        folder.TruncateDurable(newest, length);

        using (OpenedJournal recovered = JournalHarness.Open(folder, platform))
        {
            Assert.Equal(new TornTail(newest, lastRecord, length - lastRecord), recovered.Recovery.TornTail);
            Assert.Equal(lastRecord, folder.LengthOf(newest));
            Assert.Equal(payloads.SkipLast(1), recovered.Target.Records.Select(r => r.Payload));
            _ = recovered.Journal.Append("after the repair"u8);
            _ = recovered.Journal.Commit();
        }

        using OpenedJournal again = JournalHarness.Open(folder, platform);

        Assert.Null(again.Recovery.TornTail);
        Assert.Equal([.. payloads.SkipLast(1), "after the repair"u8.ToArray()], again.Target.Records.Select(r => r.Payload));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(300)]
    public void ZerosAfterTheLastRecord_AreAnUnwrittenTail(int zeros)
    {
        (FaultyFolder folder, TestPlatform platform, List<byte[]> payloads) = Build(seed: 42);
        string newest = folder.Names.Last(n => n.EndsWith(".seg", StringComparison.Ordinal));
        int length = folder.LengthOf(newest);
        folder.AppendDurable(newest, new byte[zeros]);

        using OpenedJournal recovered = JournalHarness.Open(folder, platform);

        Assert.Equal(new TornTail(newest, length, zeros), recovered.Recovery.TornTail);
        Assert.Equal(payloads, recovered.Target.Records.Select(r => r.Payload));
    }

    [Fact]
    public void GarbageAfterTheLastRecord_IsRefused()
    {
        (FaultyFolder folder, TestPlatform platform, _) = Build(seed: 43);
        string newest = folder.Names.Last(n => n.EndsWith(".seg", StringComparison.Ordinal));
        int length = folder.LengthOf(newest);
        var garbage = new byte[100];
        new Random(43).NextBytes(garbage);
        folder.AppendDurable(newest, garbage);

        JournalOpenError error = JournalHarness.Refuse(folder, platform);

        Assert.Equal(JournalErrorKind.CorruptRecord, error.Kind);
        Assert.Equal(newest, error.File);
        Assert.Equal(length, error.Offset);
    }

    [Fact]
    public void RecordCutShortInAnOlderSegment_IsRefused()
    {
        (FaultyFolder folder, TestPlatform platform, _) = Build(seed: 44);
        string older = folder.Names.Where(n => n.EndsWith(".seg", StringComparison.Ordinal)).SkipLast(1).Last();
        byte[] content = folder.ContentOf(older);
        int lastRecord = Forger.RecordOffsets(content)[^1];
        folder.TruncateDurable(older, content.Length - 5);

        JournalOpenError error = JournalHarness.Refuse(folder, platform);

        Assert.Equal(JournalErrorKind.TruncatedRecord, error.Kind);
        Assert.Equal(older, error.File);
        Assert.Equal(lastRecord, error.Offset);
        Assert.Contains(older, error.Detail, StringComparison.Ordinal);
        Assert.Contains($"offset {lastRecord}", error.Detail, StringComparison.Ordinal);
    }

    /// <summary>A journal over several segments whose newest segment holds records (written without a reopen).</summary>
    private static (FaultyFolder Folder, TestPlatform Platform, List<byte[]> Payloads) Build(int seed)
    {
        var folder = new FaultyFolder(seed);
        var platform = new TestPlatform();
        var random = new Random(seed);
        var payloads = new List<byte[]>();
        using OpenedJournal opened = JournalHarness.Open(folder, platform, JournalHarness.Options(segmentSizeLimit: 1_000));
        for (int i = 0; i < 12; i++)
        {
            payloads.AddRange(JournalHarness.AppendCommitted(opened.Journal, random, 2, maxLength: 120));
        }

        return (folder, platform, payloads);
    }
}
