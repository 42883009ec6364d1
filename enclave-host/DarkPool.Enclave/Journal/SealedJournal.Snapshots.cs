using DarkPool.Enclave.Serialization;
using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Journal.Internal;
using DarkPool.Enclave.Storage;

namespace DarkPool.Enclave.Journal;

/// <summary>Sealed snapshots and the pruning they allow.</summary>
public sealed partial class SealedJournal
{
    /// <summary>How much of a snapshot file is written and written back at a time (see <see cref="WriteInSlices"/>).</summary>
    internal const int SnapshotSlice = 64 * 1024;

    /// <summary>How much of a pruned file is freed at a time (see <see cref="ShrinkThenDelete"/>).</summary>
    internal const long PruneStep = 1024 * 1024;

    private static readonly TimeSpan PrunePause = TimeSpan.FromMilliseconds(5);

    private byte[] _snapshotFile = [];

    /// <summary>
    /// Seals <paramref name="state"/> (the caller's whole state after applying record <paramref name="position"/>) and
    /// makes it durable: temporary file written back in slices and fsynced, rename, fsync of the folder. Then asks the
    /// appender to start a new segment at its next commit and deletes snapshots and segments that the kept snapshots no
    /// longer need. May run on any thread while the appender goes on; one snapshot at a time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="position"/> is not durable yet, is more than <see cref="JournalOptions.SnapshotWindow"/> records
    /// behind the last appended one, or is before the first record recovery read (pruned or covered by a snapshot).
    /// </exception>
    /// <exception cref="JournalFaultedException">The journal faulted earlier.</exception>
    /// <exception cref="IOException">The data folder failed; the previous snapshots are untouched.</exception>
    public SnapshotInfo WriteSnapshot(long position, ReadOnlySpan<byte> state) => WriteSnapshot(position, state, prune: true);

    /// <summary>
    /// Makes the buffer a snapshot file is sealed into ready for a state of up to <paramref name="stateBytes"/> bytes:
    /// allocated and each of its pages written once, so that a later <see cref="WriteSnapshot(long, ReadOnlySpan{byte}, bool)"/>
    /// of a state that size neither allocates a large array (which can start a full collection) nor faults in fresh
    /// pages while the server drains the requests that queued during the snapshot's pause. Best effort: nothing once
    /// the journal is disposed or faulted; may run on any thread (it waits for a snapshot being written or pruned).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stateBytes"/> is negative.</exception>
    public void ReserveSnapshotRoom(int stateBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stateBytes);
        lock (_snapshotGate)
        {
            if (_disposed || _fault is not null)
            {
                return;
            }

            // In long: the file's fixed overhead plus the state, which near int.MaxValue would wrap in int.
            long size = SnapshotContent.FileSize(0) + (long)stateBytes;
            if (_snapshotFile.Length >= size || size > Array.MaxLength)
            {
                return;
            }

            byte[] file = new byte[size];
            MemoryPages.Touch(file);
            _snapshotFile = file;
        }
    }

    /// <summary>The buffer snapshot files are sealed into (tests: whether a write had to grow it).</summary>
    internal byte[] SnapshotFileBuffer => _snapshotFile;

    /// <summary>
    /// As <see cref="WriteSnapshot(long, ReadOnlySpan{byte})"/>; with <paramref name="prune"/> false the files the new
    /// snapshot makes unneeded are left for <see cref="PruneSnapshots"/>, so that the caller can release what it holds
    /// once the snapshot is durable and prune afterwards, and a failed prune does not fail a durable snapshot.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="WriteSnapshot(long, ReadOnlySpan{byte})"/>.</exception>
    /// <exception cref="JournalFaultedException">The journal faulted earlier.</exception>
    /// <exception cref="IOException">The data folder failed; the previous snapshots are untouched.</exception>
    public SnapshotInfo WriteSnapshot(long position, ReadOnlySpan<byte> state, bool prune)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_snapshotGate)
        {
            if (_fault is not null)
            {
                ThrowFaulted();
            }

            if (position < 1 || position > DurableSequence)
            {
                throw new ArgumentOutOfRangeException(nameof(position), position, $"A snapshot is taken at a durable position (1 to {DurableSequence}).");
            }

            Span<byte> chainHash = stackalloc byte[JournalRecordLayout.HashSize];
            bool held;
            lock (_stateGate)
            {
                held = _ring.TryGet(position, chainHash);
            }

            if (!held)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(position), position, $"A snapshot position must be one of the last {_options.SnapshotWindow} records, and not before the journal's first record since it started.");
            }

            int size = SnapshotContent.FileSize(state.Length);
            if (_snapshotFile.Length < size)
            {
                // Kept from one snapshot to the next: a fresh state-sized array each time would be a large-object
                // allocation per snapshot (three, before: content, blob, file). Grown with room, like the state buffer.
                _snapshotFile = new byte[size + (size / 4)];
            }

            string name = JournalFileNames.Snapshot(position);
            string temporary = JournalFileNames.Temporary(name);
            try
            {
                int length = SnapshotContent.SealInto(_sealer, _journalId, position, new Sha256Hash(chainHash), _platform.ReadMonotonicCounter(), state, _snapshotFile);
                _folder.Delete(temporary);
                using IAppendableFile output = _folder.CreateFile(temporary);
                WriteInSlices(output, _snapshotFile.AsSpan(0, length));
            }
            finally
            {
                // Sealed in place, it holds ciphertext, unless sealing failed half-way; cleared either way.
                _snapshotFile.AsSpan(0, size).Clear();
            }

            _folder.Rename(temporary, name);
            _folder.SyncFolder();
            _rollRequested = true;
            lock (_filesGate)
            {
                int at = _snapshotPositions.BinarySearch(position);
                if (at < 0)
                {
                    _snapshotPositions.Insert(~at, position);
                }
            }

            if (prune)
            {
                _ = Prune(CancellationToken.None);
            }

            return new SnapshotInfo(position, name);
        }
    }

    /// <summary>
    /// Appends the file <see cref="SnapshotSlice"/> bytes at a time, each written back to the disk before the next
    /// (<see cref="IAppendableFile.WriteBack"/>), then fsyncs it once. One write and fsync of megabytes made the file
    /// system commit them in one go, and each fsync'd slice made a commit of its own: either way the appender's
    /// group-commit fsync, on the same file system, queued behind those commits (traced: 14–23 ms per journal fsync for
    /// the half second a 2.3 MB snapshot took in fsync'd slices, against 0.35 ms otherwise), and every request answered
    /// meanwhile with it. Written back first, the data is on the disk before the one fsync, which then commits little.
    /// The snapshot is the same bytes and still becomes visible only by the rename, after that fsync.
    /// </summary>
    private static void WriteInSlices(IAppendableFile output, ReadOnlySpan<byte> file)
    {
        do
        {
            int slice = Math.Min(SnapshotSlice, file.Length);
            output.Append(file[..slice]);
            output.WriteBack();
            file = file[slice..];
        }
        while (!file.IsEmpty);

        output.Flush();
    }

    /// <summary>
    /// Frees a file's blocks <see cref="PruneStep"/> at a time, with a pause between steps, before deleting it. Deleting
    /// a 64 MB segment at once made one large file-system transaction that the appender's group-commit fsyncs queued
    /// behind (traced after a snapshot: 17 deletions of 25–37 ms back to back, the journal's fsyncs 15–20 ms each for
    /// half a second, against 0.35 ms otherwise); freed a megabyte at a time, each step is small. Runs on the snapshot
    /// writer's thread, after the snapshot is durable; false when <paramref name="cancel"/> stopped it first.
    /// </summary>
    private bool ShrinkThenDelete(string name, CancellationToken cancel)
    {
        long length;
        using (IReadableFile file = _folder.OpenRead(name))
        {
            length = file.Length;
        }

        while (length > PruneStep)
        {
            if (cancel.IsCancellationRequested)
            {
                return false;
            }

            length -= PruneStep;
            _folder.Shrink(name, length);
            Thread.Sleep(PrunePause);
        }

        _folder.Delete(name);
        return true;
    }

    /// <summary>
    /// Deletes the snapshots and segments that the newest <see cref="JournalOptions.RetainedSnapshots"/> snapshots no
    /// longer need (what <see cref="WriteSnapshot(long, ReadOnlySpan{byte}, bool)"/> left with prune false), a step at a
    /// time; returns how many files it deleted. Stops between steps once <paramref name="cancel"/> is set: what it had
    /// renamed to debris by then is deleted at the next recovery. May run on any thread while the appender goes on.
    /// </summary>
    /// <exception cref="IOException">The data folder failed; the snapshots and segments still needed are untouched.</exception>
    public int PruneSnapshots(CancellationToken cancel)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_snapshotGate)
        {
            return Prune(cancel);
        }
    }

    /// <summary>
    /// Keeps the newest <see cref="JournalOptions.RetainedSnapshots"/> snapshots and every closed segment holding a record
    /// after the oldest of them; deletes the rest. Never touches the active segment, which carries the newest counter.
    /// </summary>
    private int Prune(CancellationToken cancel)
    {
        var doomed = new List<string>();
        lock (_filesGate)
        {
            if (_snapshotPositions.Count == 0)
            {
                return 0;
            }

            while (_snapshotPositions.Count > _options.RetainedSnapshots)
            {
                doomed.Add(JournalFileNames.Snapshot(_snapshotPositions[0]));
                _snapshotPositions.RemoveAt(0);
            }

            long oldestKept = _snapshotPositions[0];
            int segments = 0;
            while (segments < _closedSegments.Count && _closedSegments[segments].LastSequence <= oldestKept)
            {
                doomed.Add(_closedSegments[segments].Name);
                segments++;
            }

            _closedSegments.RemoveRange(0, segments);
        }

        if (doomed.Count == 0)
        {
            return 0;
        }

        // Renamed to debris first (recovery deletes debris, so a crash or a stop in the middle of freeing a file is
        // harmless), then freed a step at a time, then deleted.
        foreach (string name in doomed)
        {
            _folder.Rename(name, JournalFileNames.Temporary(name));
        }

        _folder.SyncFolder();
        int deleted = 0;
        foreach (string name in doomed)
        {
            if (!ShrinkThenDelete(JournalFileNames.Temporary(name), cancel))
            {
                break;
            }

            deleted++;
        }

        _folder.SyncFolder();
        return deleted;
    }
}
