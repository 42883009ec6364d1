namespace DarkPool.Enclave.Pipeline;

/// <summary>How the pipeline is sized and where its time comes from.</summary>
public sealed record EnclavePipelineOptions
{
    /// <summary>Slots in the ring (a power of two): how many submissions may wait before new ones are answered busy.</summary>
    public int RingSize { get; init; } = 8192;

    /// <summary>
    /// The enclave's clock. The sequencer thread reads it once per record and stamps the time into the record, so the
    /// engine never reads a clock and replay sees the same time.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// A snapshot is taken at the end of the sequencer's batch that takes the journal this many records past the last
    /// one (0: only when asked), and written once that position is durable. Recovery replays at most about this many
    /// records plus what arrived while the snapshot was written.
    /// </summary>
    public long SnapshotEveryRecords { get; init; } = 1_000_000;

    /// <summary>
    /// Bytes of the snapshot buffer made ready before the sequencer starts (allocated and its pages touched), when
    /// snapshots are on: at least this, and at least half as much again as the recovered state. Without it the first
    /// snapshot under load grew its buffer inside the sequencer's pause, copying and faulting in fresh pages (docs/
    /// PERFORMANCE.md). Later snapshots keep room for the state to grow by half, made ready after each write. The
    /// journal's buffer for the sealed file is made ready for the same size. Default 16 MiB: the whole server's state
    /// is 7–8 MB at its first snapshot under the load generator's workload and 13 MB two minutes later, so neither its
    /// first snapshot nor the room made after it allocates (8 MiB, the default before, was outgrown by the first).
    /// </summary>
    public int SnapshotBufferBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Called on the sequencer thread at the end of each of its batches that journaled something, after the batch is
    /// executed and before the journal stage can commit it, with the journal sequence of its last journaled record and
    /// the state hash there. Group commits end only at such batch ends, so a crash test can compare the state recovered
    /// at any commit point with the state the live enclave had. Computing the hash walks the whole state, so leave it
    /// null in production.
    /// </summary>
    public Action<long, long>? OnBatchStaged { get; init; }

    /// <summary>
    /// Called on the snapshot writer's thread when deleting the files a written snapshot made unnecessary failed, with
    /// what the data folder threw (the snapshot itself stands, and the next prune tries again): the host logs it, since
    /// old segments left behind fill the disk. An exception it throws is swallowed: it must not stop later prunes.
    /// </summary>
    public Action<Exception>? OnSnapshotPruneFailed { get; init; }

    /// <summary>
    /// Where a snapshot's background work runs: the engine's part written from its image, the sealing and the write, the
    /// prune after it, and the image's preparation (one task after another). Null: the thread pool. The host passes a
    /// thread below the process's priority, so that this burst of CPU takes what the request path leaves rather than a
    /// share of it (docs/STORAGE.md).
    /// </summary>
    public TaskScheduler? SnapshotScheduler { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (RingSize < 2 || (RingSize & (RingSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RingSize), RingSize, "The ring size must be a power of two of at least 2.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(SnapshotEveryRecords);
        ArgumentOutOfRangeException.ThrowIfNegative(SnapshotBufferBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SnapshotBufferBytes, Array.MaxLength / 2);
        ArgumentNullException.ThrowIfNull(Time);
    }
}
