using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DarkPool.Enclave.Journal;

/// <summary>How the journal sizes its files and buffers.</summary>
public sealed class JournalOptions
{
    /// <summary>The largest <see cref="SegmentSizeLimit"/>: recovery reads a segment into one buffer.</summary>
    public const long MaxSegmentSizeLimit = 1L << 30;

    /// <summary>
    /// A segment is closed and a new one started (one monotonic counter increment) when a commit would take it past
    /// this size. Default 64 MiB, at most 1 GiB. A commit larger than this goes whole into a fresh segment.
    /// </summary>
    public long SegmentSizeLimit { get; init; } = 64L * 1024 * 1024;

    /// <summary>The largest payload <see cref="SealedJournal.Append"/> accepts. Default 1 MiB, at most 16 MiB.</summary>
    public int MaxPayloadLength { get; init; } = 1024 * 1024;

    /// <summary>How many snapshots are kept (with the segments the oldest kept one needs). Default 2, at least 1.</summary>
    public int RetainedSnapshots { get; init; } = 2;

    /// <summary>
    /// How far behind the last appended record a snapshot position may be: the journal keeps the chain hash of this
    /// many recent records (32 bytes each). Default 65,536; make it at least the pipeline's ring size.
    /// </summary>
    public int SnapshotWindow { get; init; } = 65_536;

    /// <summary>Where recovery reports what it repaired or skipped. Default: nowhere.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SegmentSizeLimit, SegmentLayout.HeaderSize + JournalRecordLayout.Overhead, nameof(SegmentSizeLimit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SegmentSizeLimit, MaxSegmentSizeLimit, nameof(SegmentSizeLimit));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxPayloadLength, nameof(MaxPayloadLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPayloadLength, JournalRecordLayout.MaxPayloadLength, nameof(MaxPayloadLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetainedSnapshots, 1, nameof(RetainedSnapshots));
        ArgumentOutOfRangeException.ThrowIfLessThan(SnapshotWindow, 1, nameof(SnapshotWindow));
        ArgumentNullException.ThrowIfNull(Logger, nameof(Logger));
    }
}
