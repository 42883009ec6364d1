using System.Buffers;
using System.Security.Cryptography;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;

namespace DarkPool.Enclave.Pipeline.Internal;

// Design:
// Three threads meet here. The sequencer decides that a snapshot is due and serialises the core (TrySerialise: the
// only pause in intake), which sets _inFlight; the journal stage starts the write once the snapshot's position is
// durable (Start) or drops it when the journal stopped (Abandon); the background write clears _inFlight when it ends.
// One snapshot at a time: while _inFlight is set, TrySerialise refuses. _lastPosition is the sequencer's alone;
// _write is published with Volatile for SnapshotAsync and Dispose.

/// <summary>Snapshots: serialised on the sequencer, written in the background once their position is durable.</summary>
internal sealed class SnapshotCoordinator
{
    private readonly EnclaveCore _core;
    private readonly SealedJournal _journal;
    private readonly long _every;
    private long _lastPosition;
    private int _inFlight;
    private int _written;
    private Task _write = Task.CompletedTask;

    public SnapshotCoordinator(EnclaveCore core, SealedJournal journal, long every)
    {
        _core = core;
        _journal = journal;
        _every = every;
        _lastPosition = journal.DurableSequence;
    }

    /// <summary>The latest write started (a <see cref="Task{SnapshotInfo}"/> once one was), for SnapshotAsync and Dispose.</summary>
    public Task Current => Volatile.Read(ref _write);

    /// <summary>How many snapshots were written.</summary>
    public int Written => Volatile.Read(ref _written);

    /// <summary>Sequencer: whether the journal has gone <c>SnapshotEveryRecords</c> past the last snapshot and none is in flight.</summary>
    public bool IsDue(long position) => _every > 0 && position - _lastPosition >= _every && Volatile.Read(ref _inFlight) == 0;

    /// <summary>Sequencer: the core's state, which is exactly journal records 1..<paramref name="position"/>; false when one is in flight.</summary>
    public bool TrySerialise(long position, out byte[]? state)
    {
        state = null;
        if (position < 1 || Interlocked.CompareExchange(ref _inFlight, 1, 0) != 0)
        {
            return false;
        }

        var writer = new ArrayBufferWriter<byte>(64 * 1024);
        _core.WriteSnapshot(writer);
        state = writer.WrittenSpan.ToArray();
        writer.Clear(); // zeroes the serialised state in the writer's buffer
        _lastPosition = position;
        return true;
    }

    /// <summary>Journal stage, once <paramref name="position"/> is durable: seals and writes in the background.</summary>
    public void Start(long position, byte[] state)
    {
        Volatile.Write(ref _write, Task.Run(() =>
        {
            try
            {
                SnapshotInfo info = _journal.WriteSnapshot(position, state);
                Interlocked.Increment(ref _written);
                return info;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(state);
                Volatile.Write(ref _inFlight, 0);
            }
        }));
    }

    /// <summary>Journal stage, when the position will never be durable (the journal stopped).</summary>
    public void Abandon(byte[] state)
    {
        CryptographicOperations.ZeroMemory(state);
        Volatile.Write(ref _inFlight, 0);
    }
}
