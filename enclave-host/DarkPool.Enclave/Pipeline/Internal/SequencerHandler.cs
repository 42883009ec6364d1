using System.Buffers.Binary;
using DarkPool.Disruptor;
using DarkPool.Enclave.Core;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;

namespace DarkPool.Enclave.Pipeline.Internal;

// Design:
// The sequencer thread (the ring's first stage) is the only thread that touches the core and the collector. Per
// record: stamp the time, execute on the core, and leave in the slot what the journal stage needs: whether the record
// changed state (then it must be journaled: Action = Journal, with the journal sequence it will get, counted here from
// the journal's last appended sequence at start, since only this thread decides what is journaled), the reply and the
// events for other sessions. It never waits for the disk: the journal stage follows it through the ring and releases
// each answer only once its record is durable.
// Snapshots are serialised here, where the state is, at the position of the last record executed (a state that is
// exactly journal records 1..position), and handed to the journal stage in the slot, which starts the write once that
// position is durable.
// After a stop (the journal stage's fault, read through a volatile flag, or the core failing here) nothing more is
// executed: the slots say Stopped. A failed record may have changed the core half-way; it is not journaled, and the
// enclave must restart and recover.

/// <summary>The business-logic stage: time stamp, execute, decide what is journaled; no disk, no releases.</summary>
internal sealed class SequencerHandler : IEventHandler<PipelineSlot>
{
    private readonly EnclaveCore _core;
    private readonly TimeProvider _time;
    private readonly ReplyCollector _collector = new();
    private readonly SnapshotCoordinator _snapshots;
    private readonly Action<long, long>? _onBatchStaged;
    private readonly Func<bool> _downstreamStopped;
    private long _lastStamp;
    private long _assigned;
    private long _reportedStaged;
    private volatile bool _stopped;

    public SequencerHandler(EnclaveCore core, long lastJournaled, TimeProvider time, SnapshotCoordinator snapshots, Action<long, long>? onBatchStaged, Func<bool> downstreamStopped)
    {
        _core = core;
        _time = time;
        _snapshots = snapshots;
        _onBatchStaged = onBatchStaged;
        _downstreamStopped = downstreamStopped;
        _lastStamp = core.Time;
        _assigned = lastJournaled;
        _reportedStaged = lastJournaled;
    }

    /// <summary>True once the core failed or the journal stage stopped: nothing more is executed.</summary>
    public bool Stopped => _stopped;

    /// <summary>Why the sequencer stopped executing, when the core failed (no order data: the exception only).</summary>
    public Exception? StopReason { get; private set; }

    public void OnStart()
    {
    }

    public void OnShutdown()
    {
    }

    public void OnBatchStart(long firstSequence, long count)
    {
    }

    public void OnEvent(ref PipelineSlot data, long sequence, bool endOfBatch)
    {
        if (!_stopped && _downstreamStopped())
        {
            _stopped = true;
        }

        if (_stopped)
        {
            data.Action = SlotAction.Stopped;
            return;
        }

        if (data.Record[0] == 0)
        {
            // A snapshot request; if one is still being written, the answer waits for that one instead.
            data.Action = SlotAction.Control;
            data.Reply = EnclaveReply.Empty;
            if (_snapshots.TrySerialise(_assigned))
            {
                data.Snapshot = true;
                data.SnapshotPosition = _assigned;
            }
        }
        else
        {
            Execute(ref data);
        }

        if (endOfBatch && !_stopped)
        {
            EndOfBatch(ref data);
        }
    }

    private void Execute(ref PipelineSlot data)
    {
        Span<byte> record = data.Record.AsSpan(0, data.Length);
        long now = Math.Max(_lastStamp, _time.GetUtcNow().ToUnixTimeMilliseconds());
        _lastStamp = now;
        BinaryPrimitives.WriteInt64LittleEndian(record[1..], now);

        var kind = (EnclaveRecordKind)record[0];
        bool hasSubmitter = kind == EnclaveRecordKind.Envelope && record.Length >= EnclaveRecords.HeaderSize + EnvelopeLayout.HeaderSize;
        SessionId submitter = hasSubmitter
            ? SessionId.FromBytes(record.Slice(EnclaveRecords.HeaderSize + EnvelopeLayout.SessionIdOffset, SessionId.Size))
            : default;
        _collector.Begin(submitter, hasSubmitter, data.Others ??= []);
        bool changed;
        try
        {
            changed = _core.Execute(record, _collector);
        }
        catch (Exception e)
        {
            // A defect in the core: the state in memory may be half-changed and is no longer the journal's.
            StopReason = e;
            _stopped = true;
            data.Others.Clear();
            data.Action = SlotAction.Stopped;
            return;
        }

        long journaled = changed ? ++_assigned : 0;
        data.Action = changed ? SlotAction.Journal : SlotAction.Reply;
        data.JournalSequence = journaled;
        data.Reply = data.Waiter is null ? null : _collector.Finish(journaled);
    }

    /// <summary>The batch's end state: report its hash (tests) and start a snapshot when one is due.</summary>
    private void EndOfBatch(ref PipelineSlot data)
    {
        if (_onBatchStaged is not null && _assigned != _reportedStaged)
        {
            _reportedStaged = _assigned;
            _onBatchStaged(_assigned, _core.ComputeStateHash());
        }

        if (!data.Snapshot && _snapshots.IsDue(_assigned) && _snapshots.TrySerialise(_assigned))
        {
            data.Snapshot = true;
            data.SnapshotPosition = _assigned;
        }
    }
}
