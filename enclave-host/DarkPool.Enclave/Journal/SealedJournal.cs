using System.Diagnostics.CodeAnalysis;
using DarkPool.Enclave.Journal.Internal;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Sealing;
using DarkPool.Enclave.Storage;

namespace DarkPool.Enclave.Journal;

/// <summary>
/// The enclave's write-ahead journal of commands: opaque payloads sealed into hash-chained records, made durable in
/// groups with one fsync, with sealed snapshots of the caller's state and rollback detection through the platform's
/// monotonic counter. Formats, the commit rule and recovery are in docs/STORAGE.md.
/// </summary>
/// <remarks>
/// Design: one appender thread calls <see cref="Append"/> and <see cref="Commit"/>; it alone touches the active
/// segment, the staging buffers and the running chain hash. One other thread at a time may call
/// <see cref="WriteSnapshot(long, ReadOnlySpan{byte}, bool)"/>, <see cref="PruneSnapshots"/> and <see cref="ReserveSnapshotRoom"/> (all under <c>_snapshotGate</c>). They share: <c>_durable</c> (written by the appender with <see cref="Volatile"/>
/// after the fsync, read by anyone), the hash ring and the durable head (under <c>_stateGate</c>, taken once per
/// commit), the list of closed segments and snapshots (under <c>_filesGate</c>), and <c>_rollRequested</c> (set by a
/// snapshot, cleared by the appender when it rolls). The journal owns the platform's monotonic counter: it is
/// incremented once per new segment, never per commit.
/// </remarks>
public sealed partial class SealedJournal : IDisposable
{
    private readonly IDataFolder _folder;
    private readonly IEnclavePlatform _platform;
    private readonly Sealer _sealer;
    private readonly JournalOptions _options;
    private readonly UInt128 _journalId;

    private readonly Lock _stateGate = new();
    private readonly HashRing _ring;
    private JournalHead _head;

    private readonly Lock _filesGate = new();
    private readonly List<SegmentEntry> _closedSegments;
    private readonly List<long> _snapshotPositions;

    private readonly Lock _snapshotGate = new();

    private long _durable;
    private volatile bool _rollRequested;
    private volatile Exception? _fault;
    private bool _disposed;

    private SealedJournal(IDataFolder folder, IEnclavePlatform platform, Sealer sealer, JournalOptions options, LoadedJournal loaded, ActiveSegment active, HashRing ring)
    {
        _folder = folder;
        _platform = platform;
        _sealer = sealer;
        _options = options;
        _journalId = loaded.JournalId;
        _ring = ring;
        _head = loaded.Head;
        _closedSegments = loaded.Segments;
        _snapshotPositions = loaded.SnapshotPositions;
        _active = active;
        _lastAppended = loaded.Head.Sequence;
        _lastSealed = loaded.Head.Sequence;
        _durable = loaded.Head.Sequence;
        loaded.Head.Hash.CopyTo(_chainHash);
    }

    /// <summary>The sequence the last <see cref="Append"/> returned (durable or not). Appender thread.</summary>
    public long LastAppendedSequence => _lastAppended;

    /// <summary>Every record up to this sequence is on disk; responses caused by them may be released. Any thread.</summary>
    public long DurableSequence => Volatile.Read(ref _durable);

    /// <summary>The last durable record and its chain hash: the value to anchor on the chain. Any thread.</summary>
    public JournalHead Head
    {
        get
        {
            lock (_stateGate)
            {
                return _head;
            }
        }
    }

    /// <summary>True once a write, fsync or roll has failed; every further call throws <see cref="JournalFaultedException"/>.</summary>
    public bool IsFaulted => _fault is not null;

    /// <summary>
    /// Recovers the journal in <paramref name="folder"/> (or creates one in an empty folder): restores the newest
    /// readable snapshot into <paramref name="target"/>, replays every record after it, repairs a torn tail, and opens a
    /// new segment for appends. Refuses, with the file and offset, anything else that is wrong.
    /// </summary>
    public static bool TryOpen(
        IDataFolder folder,
        IEnclavePlatform platform,
        IJournalReplayTarget target,
        JournalOptions options,
        [NotNullWhen(true)] out SealedJournal? journal,
        [NotNullWhen(true)] out JournalRecovery? recovery,
        out JournalOpenError error)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        journal = null;
        recovery = null;
        var sealer = new Sealer(platform);
        try
        {
            var ring = new HashRing(options.SnapshotWindow);
            LoadedJournal loaded = new JournalLoader(folder, sealer, platform, target, ring).Load();
            ActiveSegment active = ActiveSegment.Create(folder, sealer, platform, loaded.JournalId, loaded.Head.Sequence + 1, loaded.Head.Hash);
            RemoveSupersededEmptySegments(folder, loaded);
            journal = new SealedJournal(folder, platform, sealer, options, loaded, active, ring);
            recovery = new JournalRecovery(
                loaded.CreatedNew,
                loaded.Snapshot,
                loaded.ReplayedRecords,
                loaded.Head,
                active.Counter,
                loaded.TornTail,
                loaded.SkippedSnapshots,
                loaded.RemovedFiles);
            Log.JournalOpened(options.Logger, recovery);
            error = default;
            return true;
        }
        catch (JournalLoadException e)
        {
            error = e.Error;
        }
        catch (IOException e)
        {
            error = new JournalOpenError(JournalErrorKind.StorageFailure, null, -1, $"The data folder failed during recovery: {e.Message}");
        }

        Log.JournalOpenRefused(options.Logger, error.Kind, error.Detail);
        return false;
    }

    /// <summary>Closes the active segment without committing what is staged.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ClearStaging();
        _active.Dispose();
        _hasher.Dispose();
    }

    /// <summary>Empty segments only carry a counter value the new segment now exceeds; they go once it is durable.</summary>
    private static void RemoveSupersededEmptySegments(IDataFolder folder, LoadedJournal loaded)
    {
        int removed = loaded.Segments.RemoveAll(segment =>
        {
            if (!segment.IsEmpty)
            {
                return false;
            }

            folder.Delete(segment.Name);
            loaded.RemovedFiles.Add(segment.Name);
            return true;
        });
        if (removed > 0)
        {
            folder.SyncFolder();
        }
    }

    [DoesNotReturn]
    private void ThrowFaulted() =>
        throw new JournalFaultedException("The journal faulted earlier and accepts nothing more; restart and recover.", _fault!);
}
