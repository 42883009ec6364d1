namespace DarkPool.Enclave.Journal;

/// <summary>What a successful start found, used and repaired. Nothing damaged is ever passed over without appearing here.</summary>
public sealed class JournalRecovery
{
    internal JournalRecovery(
        bool createdNew,
        SnapshotInfo? snapshot,
        long replayedRecords,
        JournalHead head,
        ulong counterValue,
        TornTail? tornTail,
        IReadOnlyList<SkippedSnapshot> skippedSnapshots,
        IReadOnlyList<string> removedFiles)
    {
        CreatedNew = createdNew;
        Snapshot = snapshot;
        ReplayedRecords = replayedRecords;
        Head = head;
        CounterValue = counterValue;
        TornTail = tornTail;
        SkippedSnapshots = skippedSnapshots;
        RemovedFiles = removedFiles;
    }

    /// <summary>True when the folder was empty and a new journal was created.</summary>
    public bool CreatedNew { get; }

    /// <summary>The snapshot the state was restored from, or null when the whole journal was replayed.</summary>
    public SnapshotInfo? Snapshot { get; }

    /// <summary>How many records after the snapshot were passed to <see cref="IJournalReplayTarget.Replay"/>.</summary>
    public long ReplayedRecords { get; }

    /// <summary>The last durable record after recovery: the state's position.</summary>
    public JournalHead Head { get; }

    /// <summary>The platform's monotonic counter after the start (the new segment carries it).</summary>
    public ulong CounterValue { get; }

    /// <summary>The incomplete last record that was dropped, or null.</summary>
    public TornTail? TornTail { get; }

    /// <summary>Snapshots that could not be read and were not used.</summary>
    public IReadOnlyList<SkippedSnapshot> SkippedSnapshots { get; }

    /// <summary>
    /// Files removed as debris of an interrupted operation: unfinished snapshot temporaries, a segment whose creation
    /// never completed, and empty segments a newer one superseded.
    /// </summary>
    public IReadOnlyList<string> RemovedFiles { get; }
}
