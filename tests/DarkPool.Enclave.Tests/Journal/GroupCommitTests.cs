using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;

namespace DarkPool.Enclave.Tests.Journal;

public sealed class GroupCommitTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(500)]
    public void Commit_ManyRecords_OneWriteAndOneFsync(int records)
    {
        var folder = new FaultyFolder(11);
        using OpenedJournal opened = JournalHarness.Open(folder, new TestPlatform());
        var random = new Random(records);
        for (int i = 0; i < records; i++)
        {
            _ = opened.Journal.Append(JournalHarness.Payload(random));
        }

        int appends = folder.Appends;
        int flushes = folder.Flushes;
        Assert.Equal(0, opened.Journal.DurableSequence);

        Assert.Equal(records, opened.Journal.Commit());

        Assert.Equal(appends + 1, folder.Appends);
        Assert.Equal(flushes + 1, folder.Flushes);
        Assert.Equal(records, opened.Journal.DurableSequence);
    }

    [Fact]
    public void Crash_BeforeCommit_LosesOnlyTheUncommittedGroup()
    {
        var folder = new FaultyFolder(12);
        var platform = new TestPlatform();
        var random = new Random(12);
        List<byte[]> committed;
        using (OpenedJournal opened = JournalHarness.Open(folder, platform))
        {
            committed = JournalHarness.AppendCommitted(opened.Journal, random, 30);
            for (int i = 0; i < 10; i++)
            {
                _ = opened.Journal.Append(JournalHarness.Payload(random));
            }
        }

        folder.Restart();
        using OpenedJournal recovered = JournalHarness.Open(folder, platform);

        Assert.Equal(30, recovered.Recovery.Head.Sequence);
        Assert.Equal(committed, recovered.Target.Records.Select(r => r.Payload));
    }

    [Fact]
    public void Crash_DuringTheGroupsWrite_KeepsEveryEarlierGroupAndNoHalfRecord()
    {
        for (int seed = 0; seed < 40; seed++)
        {
            var folder = new FaultyFolder(seed);
            var platform = new TestPlatform();
            var random = new Random(seed);
            var model = new JournalModel();
            using (OpenedJournal opened = JournalHarness.Open(folder, platform))
            {
                for (int group = 0; group < 3; group++)
                {
                    for (int i = 0; i < 8; i++)
                    {
                        byte[] payload = JournalHarness.Payload(random);
                        model.Append(opened.Journal.Append(payload), payload);
                    }

                    model.Commit(opened.Journal.Commit(), opened.Journal.Head);
                }

                for (int i = 0; i < 8; i++)
                {
                    byte[] payload = JournalHarness.Payload(random);
                    model.Append(opened.Journal.Append(payload), payload);
                }

                folder.CrashAfter(1);
                _ = Assert.Throws<Enclave.Journal.JournalFaultedException>(() => opened.Journal.Commit());
            }

            folder.Restart();
            using OpenedJournal recovered = JournalHarness.Open(folder, platform);
            model.Verify(recovered);
        }
    }
}
