using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Journal.Internal;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;

namespace DarkPool.Enclave.Tests.Journal;

/// <summary>
/// Recovery reads a segment in windows of about <see cref="SegmentWindow.TargetBytes"/> (docs/STORAGE.md §9): records
/// that straddle a window's end, a record longer than a window, and torn or damaged records before, at and after a
/// window's end must be handled exactly as if the file were read whole.
/// </summary>
public sealed class SegmentWindowTests
{
    private const int FirstWindowEnd = SegmentLayout.HeaderSize + SegmentWindow.TargetBytes;

    [Fact]
    public void RecordsOverSeveralWindows_WithOneLongerThanAWindow_ReplayInOrder()
    {
        (FaultyFolder folder, TestPlatform platform, List<byte[]> payloads, string segment) = Build(201);
        Assert.True(folder.LengthOf(segment) > 3 * SegmentWindow.TargetBytes);
        Assert.Contains(payloads, p => p.Length > SegmentWindow.TargetBytes);

        using OpenedJournal recovered = JournalHarness.Open(folder, platform);

        Assert.Equal(payloads.Count, recovered.Recovery.ReplayedRecords);
        Assert.Equal(payloads, recovered.Target.Records.Select(r => r.Payload));
        Assert.Null(recovered.Recovery.TornTail);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(SegmentWindow.TargetBytes + 12_345)]
    public void ZerosAfterTheLastRecord_EvenLongerThanAWindow_AreAnUnwrittenTail(int zeros)
    {
        (FaultyFolder folder, TestPlatform platform, List<byte[]> payloads, string segment) = Build(202);
        int length = folder.LengthOf(segment);
        folder.AppendDurable(segment, new byte[zeros]);

        using OpenedJournal recovered = JournalHarness.Open(folder, platform);

        Assert.Equal(new TornTail(segment, length, zeros), recovered.Recovery.TornTail);
        Assert.Equal(payloads, recovered.Target.Records.Select(r => r.Payload));
        Assert.Equal(length, folder.LengthOf(segment));
    }

    [Theory]
    [InlineData(0)] // the record that straddles the first window's end
    [InlineData(1)] // the one after it, inside the second window
    [InlineData(40)]
    public void DamagedHeaderFarFromTheEnd_IsRefusedAtItsOffset_AfterFeedingOnlyTheRecordsBeforeIt(int after)
    {
        (FaultyFolder folder, TestPlatform platform, List<byte[]> payloads, string segment) = Build(203);
        List<int> offsets = Forger.RecordOffsets(folder.ContentOf(segment));
        int damaged = StraddlingRecord(offsets) + after;
        folder.FlipBit(segment, offsets[damaged] + JournalRecordLayout.SequenceOffset, 3);
        var target = new RecordingTarget();

        Assert.False(SealedJournal.TryOpen(folder, platform, target, JournalHarness.Options(), out _, out _, out JournalOpenError error));

        Assert.Equal(JournalErrorKind.CorruptRecord, error.Kind);
        Assert.Equal(segment, error.File);
        Assert.Equal(offsets[damaged], error.Offset);
        Assert.Contains($"offset {offsets[damaged]}", error.Detail, StringComparison.Ordinal);
        Assert.Equal(payloads.Take(damaged), target.Records.Select(r => r.Payload));
    }

    [Fact]
    public void DamagedPayloadInALaterWindow_IsRefusedAtItsRecord()
    {
        (FaultyFolder folder, TestPlatform platform, List<byte[]> payloads, string segment) = Build(204);
        List<int> offsets = Forger.RecordOffsets(folder.ContentOf(segment));
        int damaged = StraddlingRecord(offsets) + 3;
        folder.FlipBit(segment, offsets[damaged] + JournalRecordLayout.HeaderSize, 0);
        var target = new RecordingTarget();

        Assert.False(SealedJournal.TryOpen(folder, platform, target, JournalHarness.Options(), out _, out _, out JournalOpenError error));

        Assert.Equal(JournalErrorKind.CorruptRecord, error.Kind);
        Assert.Equal(offsets[damaged], error.Offset);
        Assert.Contains($"record {damaged + 1} fails authentication", error.Detail, StringComparison.Ordinal);
        Assert.Equal(payloads.Take(damaged), target.Records.Select(r => r.Payload));
    }

    [Fact]
    public void LastRecordCutShortAcrossAWindowsEnd_IsDropped()
    {
        (FaultyFolder folder, TestPlatform platform, List<byte[]> payloads, string segment) = Build(205);
        List<int> offsets = Forger.RecordOffsets(folder.ContentOf(segment));
        int straddling = StraddlingRecord(offsets);
        int cut = FirstWindowEnd + 7;
        Assert.True(cut < offsets[straddling + 1], "the cut falls inside the straddling record");
        folder.TruncateDurable(segment, cut);

        using OpenedJournal recovered = JournalHarness.Open(folder, platform);

        Assert.Equal(new TornTail(segment, offsets[straddling], cut - offsets[straddling]), recovered.Recovery.TornTail);
        Assert.Equal(payloads.Take(straddling), recovered.Target.Records.Select(r => r.Payload));
        Assert.Equal(offsets[straddling], folder.LengthOf(segment));
    }

    [Fact]
    public void RecordsMissingAcrossAWindowsEnd_AreASequenceGap()
    {
        (FaultyFolder folder, TestPlatform platform, List<byte[]> payloads, string segment) = Build(206);
        byte[] content = folder.ContentOf(segment);
        List<int> offsets = Forger.RecordOffsets(content);
        int straddling = StraddlingRecord(offsets);

        // Records straddling..straddling+1 cut out: the record after them is where record straddling+1 should be.
        byte[] spliced = [.. content.AsSpan(0, offsets[straddling]), .. content.AsSpan(offsets[straddling + 2])];
        folder.TruncateDurable(segment, 0);
        folder.AppendDurable(segment, spliced);
        var target = new RecordingTarget();

        Assert.False(SealedJournal.TryOpen(folder, platform, target, JournalHarness.Options(), out _, out _, out JournalOpenError error));

        Assert.Equal(JournalErrorKind.SequenceGap, error.Kind);
        Assert.Equal(offsets[straddling], error.Offset);
        Assert.Equal(payloads.Take(straddling), target.Records.Select(r => r.Payload));
    }

    /// <summary>The index of the record that starts in the first window and ends past it.</summary>
    private static int StraddlingRecord(List<int> offsets)
    {
        int index = offsets.FindIndex(o => o >= FirstWindowEnd) - 1;
        Assert.True(index > 0);
        return index;
    }

    /// <summary>One segment of about 7 MB: records of up to 4 KB, and one record longer than a window in the middle.</summary>
    private static (FaultyFolder Folder, TestPlatform Platform, List<byte[]> Payloads, string Segment) Build(int seed)
    {
        var folder = new FaultyFolder(seed);
        var platform = new TestPlatform();
        var random = new Random(seed);
        var payloads = new List<byte[]>();
        using (OpenedJournal opened = JournalHarness.Open(folder, platform, new JournalOptions { MaxPayloadLength = 4 * 1024 * 1024 }))
        {
            for (int group = 0; group < 25; group++)
            {
                payloads.AddRange(JournalHarness.AppendCommitted(opened.Journal, random, 100, maxLength: 4_000));
                if (group == 12)
                {
                    var longer = new byte[SegmentWindow.TargetBytes + 1_000];
                    random.NextBytes(longer);
                    _ = opened.Journal.Append(longer);
                    _ = opened.Journal.Commit();
                    payloads.Add(longer);
                }
            }
        }

        return (folder, platform, payloads, TamperTests.Segments(folder).Single());
    }
}
