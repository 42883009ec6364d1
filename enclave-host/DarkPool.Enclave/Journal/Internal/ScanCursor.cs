namespace DarkPool.Enclave.Journal.Internal;

/// <summary>Where the scan is: the next sequence, the running chain hash, what the snapshots say.</summary>
internal sealed class ScanCursor(long firstSequence, long snapshotPosition, Dictionary<long, OpenedSnapshot> checkpoints)
{
    public long Expected { get; set; } = firstSequence;

    /// <summary>SHA-256 of the last verified record's frame (or the first segment's previous-record hash).</summary>
    public byte[] Chain { get; } = new byte[JournalRecordLayout.HashSize];

    public long SnapshotPosition { get; } = snapshotPosition;

    public Dictionary<long, OpenedSnapshot> Checkpoints { get; } = checkpoints;

    public long Replayed { get; set; }
}
