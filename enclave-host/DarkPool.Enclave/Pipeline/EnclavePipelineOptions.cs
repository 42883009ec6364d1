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
    /// A snapshot is started after the commit that takes the journal this many records past the last one (0: only when
    /// asked). Recovery replays at most about this many records plus what arrived while the snapshot was written.
    /// </summary>
    public long SnapshotEveryRecords { get; init; } = 1_000_000;

    /// <summary>
    /// Called on the sequencer thread once per batch, after the batch is executed and staged and before its group
    /// commit, with the journal sequence of its last record and the state hash there: a crash test can then compare the
    /// state recovered at any batch end with the state the live enclave had. Computing the hash walks the whole state,
    /// so leave it null in production.
    /// </summary>
    public Action<long, long>? OnBatchStaged { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (RingSize < 2 || (RingSize & (RingSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RingSize), RingSize, "The ring size must be a power of two of at least 2.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(SnapshotEveryRecords);
        ArgumentNullException.ThrowIfNull(Time);
    }
}
