using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;

namespace DarkPool.Enclave.Tests.Journal;

/// <summary>
/// One flipped bit anywhere in the folder: recovery either refuses, naming the file and an offset at or before the
/// flip, or (for a damaged snapshot it can do without) recovers everything and reports the snapshot it skipped.
/// </summary>
public sealed class BitFlipTests
{
    public static TheoryData<int> Blocks()
    {
        var blocks = new TheoryData<int>();
        for (int block = 0; block < 6; block++)
        {
            blocks.Add(block);
        }

        return blocks;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void FlipAnyBit_IsRefusedWithFileAndOffset_OrRecoveredAndReported(int block)
    {
        int refused = 0;
        int recovered = 0;
        for (int seed = block * 100; seed < (block + 1) * 100; seed++)
        {
            var random = new Random(seed);
            (FaultyFolder folder, TestPlatform platform, JournalModel model) = Build(random, seed);
            (string file, int offset) = PickByte(folder, random);
            folder.FlipBit(file, offset, random.Next(8));

            var target = new RecordingTarget();
            if (SealedJournal.TryOpen(folder, platform, target, Options, out SealedJournal? journal, out JournalRecovery? recovery, out JournalOpenError error))
            {
                using var opened = new OpenedJournal(journal, recovery, target);
                Assert.True(file.StartsWith("snapshot-", StringComparison.Ordinal), $"seed {seed}: a flip at {file}:{offset} was accepted");
                Assert.Contains(recovery.SkippedSnapshots, s => s.File == file && s.Offset <= offset);
                model.Verify(opened);
                recovered++;
            }
            else
            {
                Assert.True(error.File == file, $"seed {seed}: flip at {file}:{offset}, refusal names {error}");
                Assert.InRange(error.Offset, 0, offset);
                Assert.Contains(file, error.Detail, StringComparison.Ordinal);
                refused++;
            }
        }

        Assert.True(refused > 0 && recovered > 0, $"refused {refused}, recovered {recovered}");
    }

    [Fact]
    public void FlipInTheLastCompleteRecord_IsRefusedNotDroppedAsTorn()
    {
        var random = new Random(51);
        (FaultyFolder folder, TestPlatform platform, _) = Build(random, 51);
        string newest = folder.Names.Last(n => n.EndsWith(".seg", StringComparison.Ordinal));
        int last = Forger.RecordOffsets(folder.ContentOf(newest))[^1];

        foreach (int offset in new[] { last, last + JournalRecordLayout.SequenceOffset, last + JournalRecordLayout.ChecksumOffset, folder.LengthOf(newest) - 1 })
        {
            folder.FlipBit(newest, offset, 0);
            JournalOpenError error = JournalHarness.Refuse(folder, platform, Options);
            folder.FlipBit(newest, offset, 0);

            Assert.Equal(JournalErrorKind.CorruptRecord, error.Kind);
            Assert.Equal(newest, error.File);
            Assert.Equal(last, error.Offset);
        }
    }

    private static JournalOptions Options => JournalHarness.Options(segmentSizeLimit: 1_200, retainedSnapshots: 2, snapshotWindow: 256);

    private static (FaultyFolder Folder, TestPlatform Platform, JournalModel Model) Build(Random random, int seed)
    {
        var folder = new FaultyFolder(seed);
        var platform = new TestPlatform();
        var model = new JournalModel();
        using OpenedJournal opened = JournalHarness.Open(folder, platform, Options);
        int rounds = random.Next(2, 5);
        for (int round = 0; round < rounds; round++)
        {
            SnapshotTests.Run(opened.Journal, model, random, random.Next(5, 25));
            _ = opened.Journal.WriteSnapshot(model.Committed, model.StateAt(model.Committed));
        }

        SnapshotTests.Run(opened.Journal, model, random, random.Next(1, 10));
        return (folder, platform, model);
    }

    /// <summary>A byte chosen uniformly over every byte of every file.</summary>
    private static (string File, int Offset) PickByte(FaultyFolder folder, Random random)
    {
        IReadOnlyList<string> names = folder.Names;
        int total = names.Sum(folder.LengthOf);
        int at = random.Next(total);
        foreach (string name in names)
        {
            int length = folder.LengthOf(name);
            if (at < length)
            {
                return (name, at);
            }

            at -= length;
        }

        throw new InvalidOperationException("unreachable");
    }
}
