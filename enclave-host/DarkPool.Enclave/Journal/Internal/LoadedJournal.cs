namespace DarkPool.Enclave.Journal.Internal;

/// <summary>What recovery hands the journal: where the chain ends and which files hold it.</summary>
internal sealed class LoadedJournal
{
    public required UInt128 JournalId { get; init; }

    public required bool CreatedNew { get; init; }

    /// <summary>Every segment found, all closed (the journal opens a new one), oldest first.</summary>
    public required List<SegmentEntry> Segments { get; init; }

    /// <summary>Positions of the readable snapshots, oldest first.</summary>
    public required List<long> SnapshotPositions { get; init; }

    public required JournalHead Head { get; init; }

    public required SnapshotInfo? Snapshot { get; init; }

    public required long ReplayedRecords { get; init; }

    public required TornTail? TornTail { get; init; }

    public required List<SkippedSnapshot> SkippedSnapshots { get; init; }

    public required List<string> RemovedFiles { get; init; }
}
