using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;

namespace DarkPool.Enclave.Tests.Journal;

/// <summary>Segments with thousands of records, which recovery authenticates on several cores at once.</summary>
public sealed class LargeSegmentTests
{
    private const int Records = 10_000;

    [Fact]
    public void ThousandsOfRecords_ReplayInOrder()
    {
        (FaultyFolder folder, TestPlatform platform, List<byte[]> payloads, _) = Build(101);

        using OpenedJournal recovered = JournalHarness.Open(folder, platform);

        Assert.Equal(Records, recovered.Recovery.ReplayedRecords);
        Assert.Equal(payloads, recovered.Target.Records.Select(r => r.Payload));
    }

    [Fact]
    public void SeveralDamagedRecords_TheFirstInTheFileIsNamed()
    {
        (FaultyFolder folder, TestPlatform platform, _, string segment) = Build(102);
        List<int> offsets = Forger.RecordOffsets(folder.ContentOf(segment));
        int authenticationDamage = offsets[6_000] + JournalRecordLayout.HeaderSize; // fails in the parallel pass
        int headerDamage = offsets[8_000] + JournalRecordLayout.SequenceOffset;   // fails in the framing pass
        folder.FlipBit(segment, authenticationDamage, 2);
        folder.FlipBit(segment, headerDamage, 2);

        JournalOpenError error = JournalHarness.Refuse(folder, platform);

        Assert.Equal(JournalErrorKind.CorruptRecord, error.Kind);
        Assert.Equal(offsets[6_000], error.Offset);
        Assert.Contains("record 6001 fails authentication", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplayStopsAtTheDamage_HavingFedOnlyTheRecordsBeforeIt()
    {
        (FaultyFolder folder, TestPlatform platform, List<byte[]> payloads, string segment) = Build(103);
        List<int> offsets = Forger.RecordOffsets(folder.ContentOf(segment));
        folder.FlipBit(segment, offsets[4_321] + JournalRecordLayout.HeaderSize, 0);
        var target = new RecordingTarget();

        Assert.False(SealedJournal.TryOpen(folder, platform, target, JournalHarness.Options(), out _, out _, out JournalOpenError error));

        Assert.Equal(offsets[4_321], error.Offset);
        Assert.Equal(payloads.Take(4_321), target.Records.Select(r => r.Payload));
    }

    private static (FaultyFolder Folder, TestPlatform Platform, List<byte[]> Payloads, string Segment) Build(int seed)
    {
        var folder = new FaultyFolder(seed);
        var platform = new TestPlatform();
        var random = new Random(seed);
        var payloads = new List<byte[]>();
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            for (int i = 0; i < Records / 500; i++)
            {
                payloads.AddRange(JournalHarness.AppendCommitted(opened.Journal, random, 500, maxLength: 40));
            }
        }

        return (folder, platform, payloads, TamperTests.Segments(folder).Single());
    }
}
