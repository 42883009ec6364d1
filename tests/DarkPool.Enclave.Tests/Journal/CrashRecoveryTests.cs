using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;

namespace DarkPool.Enclave.Tests.Journal;

/// <summary>
/// Random workloads, crashes at random operations (including inside recovery itself), restarts with the page cache
/// model: every acknowledged record must come back, in order and byte for byte, and nothing unacknowledged may come
/// back other than whole and exactly as appended.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int SeedsPerBlock = 100;

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (int block = 0; block < 10; block++)
        {
            seeds.Add(block);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomWorkload_CrashAnywhere_RecoversEveryCommittedRecord(int block)
    {
        var seen = new Outcomes();
        for (int seed = block * SeedsPerBlock; seed < (block + 1) * SeedsPerBlock; seed++)
        {
            RunSeed(seed, seen);
        }

        // The workload is not blind: it reached the cases it is meant to exercise.
        Assert.True(seen.TornTails > 0, "no torn tail");
        Assert.True(seen.FromSnapshot > 0, "no recovery from a snapshot");
        Assert.True(seen.RemovedFiles > 0, "no debris removed");
        Assert.True(seen.UncommittedSurvivors > 0, "no unacknowledged record survived");
        Assert.True(seen.CrashesInRecovery > 0, "no crash inside recovery");
    }

    private static void RunSeed(int seed, Outcomes seen)
    {
        var random = new Random(seed);
        var folder = new FaultyFolder(seed);
        var platform = new TestPlatform();
        platform.BeforeIncrement = folder.Tick;
        var model = new JournalModel();
        var options = JournalHarness.Options(
            segmentSizeLimit: random.Next(400, 3_000),
            retainedSnapshots: random.Next(1, 3),
            snapshotWindow: 64);
        for (int cycle = 0; cycle < 4; cycle++)
        {
            OpenedJournal opened = OpenAfterCrashes(folder, platform, options, random, seed, cycle, seen);
            seen.Add(opened, model);
            model.Verify(opened);
            folder.CrashAfter(random.Next(1, 80));
            try
            {
                Work(opened.Journal, model, random, Math.Max(1, opened.Recovery.Head.Sequence));
            }
            catch (Exception e) when (e is JournalFaultedException or SimulatedCrashException)
            {
                Assert.True(folder.HasCrashed, $"seed {seed}: {e}");
            }

            opened.Dispose();
            folder.Restart();
        }

        OpenedJournal last = OpenAfterCrashes(folder, platform, options, random, seed, 4, seen);
        model.Verify(last);
        last.Dispose();
    }

    /// <summary>Opens, sometimes crashing the first attempts inside recovery; a crash there must only ever be a storage failure.</summary>
    private static OpenedJournal OpenAfterCrashes(FaultyFolder folder, TestPlatform platform, JournalOptions options, Random random, int seed, int cycle, Outcomes seen)
    {
        while (random.Next(3) == 0)
        {
            folder.CrashAfter(random.Next(1, 8));
            var target = new RecordingTarget();
            if (SealedJournal.TryOpen(folder, platform, target, options, out SealedJournal? journal, out JournalRecovery? recovery, out JournalOpenError error))
            {
                folder.CrashAfter(long.MaxValue);
                return new OpenedJournal(journal, recovery, target);
            }

            Assert.True(error.Kind == JournalErrorKind.StorageFailure, $"seed {seed} cycle {cycle}: {error}");
            seen.CrashesInRecovery++;
            folder.Restart();
        }

        return JournalHarness.Open(folder, platform, options);
    }

    /// <summary>Appends, commits and snapshots at random; a snapshot position is recent and not before the head recovery found.</summary>
    private static void Work(SealedJournal journal, JournalModel model, Random random, long oldestSnapshot)
    {
        for (int step = 0; step < 300; step++)
        {
            int choice = random.Next(100);
            if (choice < 60)
            {
                byte[] payload = JournalHarness.Payload(random, 120);
                model.Append(journal.Append(payload), payload);
            }
            else if (choice < 92)
            {
                model.Commit(journal.Commit(), journal.Head);
            }
            else if (journal.DurableSequence > 0)
            {
                long position = Math.Max(oldestSnapshot, journal.DurableSequence - random.Next(6));
                _ = journal.WriteSnapshot(position, model.StateAt(position));
            }
        }
    }

    private sealed class Outcomes
    {
        public int TornTails { get; set; }

        public int FromSnapshot { get; set; }

        public int RemovedFiles { get; set; }

        public int UncommittedSurvivors { get; set; }

        public int CrashesInRecovery { get; set; }

        public void Add(OpenedJournal opened, JournalModel model)
        {
            TornTails += opened.Recovery.TornTail is null ? 0 : 1;
            FromSnapshot += opened.Recovery.Snapshot is null ? 0 : 1;
            RemovedFiles += opened.Recovery.RemovedFiles.Count;
            UncommittedSurvivors += opened.Recovery.Head.Sequence > model.Committed ? 1 : 0;
        }
    }
}
