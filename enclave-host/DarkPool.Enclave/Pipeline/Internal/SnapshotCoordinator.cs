using System.Buffers;
using System.Diagnostics;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Serialization;

namespace DarkPool.Enclave.Pipeline.Internal;

// Design:
// Three threads meet here. The sequencer decides that a snapshot is due and serialises the core (TrySerialise: the
// only pause in intake), which sets _inFlight; the journal stage starts the write once the snapshot's position is
// durable (Start) or drops it when the journal stopped (Abandon); the background write clears _inFlight when it ends.
// One snapshot at a time: while _inFlight is set, TrySerialise refuses. _lastPosition is the sequencer's alone;
// _write is published with Volatile for SnapshotAsync and Dispose. Once a write is durable and the buffer released, a
// prune of the files it made unneeded follows on the same background chain (_prune, one at a time); Stop cancels it
// between its steps.

/// <summary>Snapshots: serialised on the sequencer, written in the background once their position is durable.</summary>
internal sealed class SnapshotCoordinator
{
    private readonly EnclaveCore _core;
    private readonly SealedJournal _journal;
    private readonly long _every;
    private readonly int _reserve;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    /// <summary>The parts after the engine's, written in the pause when the engine's state was copied instead of written.</summary>
    private readonly ArrayBufferWriter<byte> _afterEngine = new(64 * 1024);

    // The engine image (EnclaveCore.TryCaptureSnapshot) is prepared in the background from half way to a due snapshot,
    // every sixteenth of the interval (the book grows meanwhile; a preparation that finds nothing grown costs a few
    // length checks), and used by a capture until its write is done: 0 free, 1 being prepared, 2 holding a capture. A
    // snapshot that falls due while it is being prepared, or not shaped like the grown engine, waits for a preparation
    // (IsDue), up to an eighth of the interval; a capture that still finds it being prepared writes the snapshot in one
    // step instead; a snapshot in flight was captured in two steps exactly when the image holds a capture.
    // _lastPreparedAt and _deferredAt are the sequencer's.
    private const int ImageFree = 0;
    private const int ImagePreparing = 1;
    private const int ImageCaptured = 2;
    private int _image;
    private long _lastPreparedAt;
    private Task _preparing = Task.CompletedTask;
    private int _preparations;
    private int _twoStep;
    private int _deferred;
    private long _deferredAt = -1;

    private readonly Lock _pausesLock = new();
    private long _lastPosition;
    private int _inFlight;
    private int _written;
    private readonly CancellationTokenSource _stopPruning = new();
    private Task _write = Task.CompletedTask;
    private Task _prune = Task.CompletedTask;
    private readonly Action<Exception>? _onPruneFailed;
    private int _pruneFailures;
    private SnapshotPauses _pauses;

    private readonly TaskScheduler _scheduler;

    /// <summary>How many periodic snapshots waited past their due position for the engine image (<see cref="IsDue"/>).</summary>
    public int Deferred => Volatile.Read(ref _deferred);

    /// <summary>How many snapshots were taken in two steps (the engine's state copied in the pause).</summary>
    public int TwoStepCount => Volatile.Read(ref _twoStep);

    /// <summary>How many preparations of the engine image ran.</summary>
    public int Preparations => Volatile.Read(ref _preparations);

    public SnapshotCoordinator(EnclaveCore core, SealedJournal journal, long every, int reserve, Action<Exception>? onPruneFailed = null, TaskScheduler? scheduler = null)
    {
        _scheduler = scheduler ?? TaskScheduler.Default;
        _onPruneFailed = onPruneFailed;
        _core = core;
        _journal = journal;
        _every = every;
        _reserve = reserve;
        _lastPosition = journal.DurableSequence;
    }

    /// <summary>The latest write started (a <see cref="Task{SnapshotInfo}"/> once one was), for SnapshotAsync and Dispose.</summary>
    public Task Current => Volatile.Read(ref _write);

    /// <summary>How many snapshots were written.</summary>
    public int Written => Volatile.Read(ref _written);

    /// <summary>How many prunes after a written snapshot failed (the data folder threw); the snapshots themselves stood.</summary>
    public int PruneFailures => Volatile.Read(ref _pruneFailures);

    /// <summary>How long the sequencer stopped to serialise the state, over the snapshots taken so far.</summary>
    public SnapshotPauses Pauses
    {
        get
        {
            lock (_pausesLock)
            {
                return _pauses;
            }
        }
    }

    /// <summary>
    /// Before the sequencer starts: compiles the snapshot's writers (<see cref="SnapshotCode"/>) and serialises the
    /// recovered state once and throws it away, so that the first snapshot under load does not also compile the
    /// serialisation code (measured: about half of a first 88 ms pause was the JIT and type loading), and makes the
    /// buffer ready for at least the configured reserve and half as much again as the recovered state: allocated and
    /// its pages touched, so that the first snapshot neither grows it nor faults in fresh pages inside the pause; and
    /// the journal's buffer for the sealed file the same (its first write had allocated a state-sized large array and
    /// faulted it in just after the pause, while the queued requests drained).
    /// </summary>
    public void Warm()
    {
        if (_every > 0)
        {
            SnapshotCode.Prepare();

            // The path the snapshots will take (in two steps, which also allocates the engine image at the engine's size;
            // whole for the reference book kind), once.
            if (_core.TryCaptureSnapshot(_afterEngine))
            {
                _core.CompleteCapturedSnapshot(_buffer, _afterEngine.WrittenSpan);
                _afterEngine.Clear();
            }
            else
            {
                _core.WriteSnapshot(_buffer);
            }

            int recovered = _buffer.WrittenCount;
            _buffer.Clear();
            int room = (int)Math.Min(Math.Max(_reserve, recovered + (recovered / 2L)), Array.MaxLength / 2);
            MakeRoom(room, room);
        }
    }

    /// <summary>Sequencer: whether the journal has gone <c>SnapshotEveryRecords</c> past the last snapshot and none is in flight.</summary>
    /// <remarks>From half way there, it also starts preparing the engine image in the background, every sixteenth of the way.</remarks>
    public bool IsDue(long position)
    {
        if (_every <= 0)
        {
            return false;
        }

        long since = position - _lastPosition;
        if (since >= _every)
        {
            if (Volatile.Read(ref _inFlight) != 0)
            {
                return false;
            }

            // A capture now would write in one step (a preparation is running) or allocate the book's grown arrays in the
            // pause (it grew since the last preparation: measured, a 159 ms pause at 25 MB in a 5-minute run). Up to an
            // eighth of the interval past due, the snapshot waits for a preparation instead; after that it is taken anyway.
            if (since < _every + Math.Max(1, _every / 8) && !ImageReady())
            {
                if (_deferredAt != _lastPosition)
                {
                    _deferredAt = _lastPosition;
                    Interlocked.Increment(ref _deferred);
                }

                StartPreparingImage();
                return false;
            }

            // Past the wait, a preparation still queued or running (started by the wait itself) is let finish: a capture
            // now would find it holding the image and write the whole state in the pause.
            return Volatile.Read(ref _preparing).IsCompleted;
        }

        // Not in the last sixteenth: a preparation still running when the snapshot falls due would make it write in one step.
        long step = Math.Max(1, _every / 16);
        if (since >= _every / 2 && since < _every - step && position - _lastPreparedAt >= step)
        {
            _lastPreparedAt = position;
            StartPreparingImage();
        }

        return false;
    }

    /// <summary>Sequencer: whether no preparation is queued or running and the image is shaped like the engine (a capture would not allocate).</summary>
    private bool ImageReady() => Volatile.Read(ref _preparing).IsCompleted && Volatile.Read(ref _image) == ImageFree && _core.SnapshotImageReady();

    /// <summary>
    /// Sequencer: queues a preparation of the engine image on the snapshot scheduler. The task takes the image when it
    /// runs, and does nothing if a capture holds it then (queued behind other work on a thread below the process's
    /// priority, it may run late).
    /// </summary>
    private void StartPreparingImage()
    {
        Task previous = Volatile.Read(ref _preparing);
        if (!previous.IsCompleted)
        {
            return; // one queued at a time
        }

        Volatile.Write(ref _preparing, Background(() =>
        {
            if (Interlocked.CompareExchange(ref _image, ImagePreparing, ImageFree) != ImageFree)
            {
                return;
            }

            Interlocked.Increment(ref _preparations);
            try
            {
                _core.PrepareSnapshotImage();
            }
            catch (OutOfMemoryException)
            {
                // Best effort: the capture allocates what is missing.
            }
            finally
            {
                Volatile.Write(ref _image, ImageFree);
            }
        }));
    }

    /// <summary>
    /// Sequencer: serialises the core's state, which is exactly journal records 1..<paramref name="position"/>, into the
    /// coordinator's buffer for <see cref="Start"/>; false when one is in flight. The buffer is kept from one snapshot to
    /// the next (zeroed after each write), so a snapshot allocates nothing once the buffer has grown to the state's size:
    /// fresh arrays of the state's size each time were large-object allocations that set off full collections inside
    /// the pause.
    /// </summary>
    public bool TrySerialise(long position)
    {
        if (position < 1 || Interlocked.CompareExchange(ref _inFlight, 1, 0) != 0)
        {
            return false;
        }

        long began = Stopwatch.GetTimestamp();
        bool imageFree = Interlocked.CompareExchange(ref _image, ImageCaptured, ImageFree) == ImageFree;
        if (imageFree && _core.TryCaptureSnapshot(_afterEngine))
        {
            Interlocked.Increment(ref _twoStep);
        }
        else
        {
            if (imageFree)
            {
                Volatile.Write(ref _image, ImageFree);
            }

            _core.WriteSnapshot(_buffer); // the reference book kind, or the image still being prepared
        }

        _lastPosition = position;
        TimeSpan pause = Stopwatch.GetElapsedTime(began);
        lock (_pausesLock)
        {
            _pauses = new SnapshotPauses(_pauses.Count + 1, pause, pause > _pauses.Longest ? pause : _pauses.Longest, _buffer.WrittenCount + _afterEngine.WrittenCount);
        }

        return true;
    }

    /// <summary>
    /// Journal stage, once <paramref name="position"/> is durable: seals and writes the serialised state in the
    /// background; once it is durable and the buffer released, deletes what it made unneeded (a failure there is
    /// counted, not the snapshot's).
    /// </summary>
    public void Start(long position)
    {
        Task<SnapshotInfo> write = Background(() =>
        {
            try
            {
                if (Volatile.Read(ref _image) == ImageCaptured)
                {
                    // The engine's part from the image copied in the pause, then the parts written there.
                    _core.CompleteCapturedSnapshot(_buffer, _afterEngine.WrittenSpan);
                    lock (_pausesLock)
                    {
                        _pauses = _pauses with { LastBytes = _buffer.WrittenCount };
                    }
                }

                SnapshotInfo info = _journal.WriteSnapshot(position, _buffer.WrittenSpan, prune: false);
                Interlocked.Increment(ref _written);
                return info;
            }
            finally
            {
                Release(reserve: true);
            }
        });
        Volatile.Write(ref _write, write);

        // After the previous prune too, so that the newest prune task stands for all of them (Stop waits on it).
        Task previous = Volatile.Read(ref _prune);
        Volatile.Write(ref _prune, Task.WhenAll(previous, write).ContinueWith(
            _ =>
            {
                if (write.IsCompletedSuccessfully)
                {
                    Prune();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            _scheduler));
    }

    /// <summary>Runs <paramref name="work"/> on the snapshot scheduler (the thread pool unless the host gave one).</summary>
    private Task<T> Background<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler);

    private Task Background(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler);

    /// <summary>
    /// Dispose: stops a prune in progress between its steps (recovery deletes what it left renamed to debris) and waits
    /// for it and for the write in progress.
    /// </summary>
    public void Stop()
    {
        _stopPruning.Cancel();
        try
        {
            Volatile.Read(ref _write).Wait();
        }
        catch (AggregateException)
        {
            // A snapshot that failed to write leaves the older ones; recovery does not need it.
        }

        Volatile.Read(ref _prune).Wait();
        Volatile.Read(ref _preparing).Wait();
    }

    /// <summary>Journal stage, when the position will never be durable (the journal stopped).</summary>
    public void Abandon() => Release(reserve: false);

    /// <summary>
    /// Clears the serialised state and lets the next snapshot start; with <paramref name="reserve"/>, first makes room
    /// for the state to grow (not when abandoning: the journal stopped, and a prune may hold its gate for seconds).
    /// </summary>
    private void Release(bool reserve)
    {
        int last = _buffer.WrittenCount;
        int lastAfterEngine = _afterEngine.WrittenCount;
        try
        {
            _buffer.Clear(); // zeroes the serialised state
            _afterEngine.Clear();
            _ = Interlocked.CompareExchange(ref _image, ImageFree, ImageCaptured);

            // Room for the state to grow by half before the next snapshot, made here and not inside the sequencer's
            // pause; best effort (the serialisation grows the buffer itself if this could not).
            if (reserve)
            {
                MakeRoom((int)Math.Min(last + (last / 2L), Array.MaxLength / 2), (int)Math.Min(lastAfterEngine + (lastAfterEngine / 2L), Array.MaxLength / 2));
            }
        }
        catch (OutOfMemoryException)
        {
            // Not fatal: the next snapshot grows the buffer as it goes.
        }
        finally
        {
            Volatile.Write(ref _inFlight, 0);
        }
    }

    private void ReportPruneFailure(Exception failure)
    {
        try
        {
            _onPruneFailed?.Invoke(failure);
        }
#pragma warning disable CA1031 // the host's report (a log line) must not stop later prunes, whatever it throws
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void Prune()
    {
        try
        {
            _ = _journal.PruneSnapshots(_stopPruning.Token);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            // The snapshot is durable and recovery starts from it; only the old files' deletion failed.
            Interlocked.Increment(ref _pruneFailures);
            ReportPruneFailure(e);
        }
    }

    /// <summary>
    /// Room for <paramref name="bytes"/> of state in the (empty) buffer and for its sealed file in the journal's, each
    /// page of both written once (<see cref="MemoryPages.Touch"/>).
    /// </summary>
    private void MakeRoom(int bytes, int afterEngineBytes)
    {
        MemoryPages.Touch(_buffer.GetSpan(bytes));
        MemoryPages.Touch(_afterEngine.GetSpan(afterEngineBytes));
        _journal.ReserveSnapshotRoom(bytes);
    }
}
