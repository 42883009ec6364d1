using System.Buffers.Binary;
using DarkPool.Disruptor;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;

namespace DarkPool.Enclave.Pipeline.Internal;

// Design:
// The sequencer thread (the only consumer of the ring) is the only thread that touches the core, the journal's
// appender side, the collector and the pending lists. Per record: stamp the time, execute on the core, stage the
// record in the journal when it changed state, park the reply. At the end of each batch the ring hands over (the
// records that were available together): one journal commit (one write, one fsync) for the whole batch, then every
// parked reply and outbox event is released. So nothing leaves before the record that caused it is durable, and the
// fsync cost is shared by every record that arrived while the previous one ran (group commit).
// After a journal fault the core has executed records that will never be durable: the handler answers Stopped to
// what is parked and to everything after, and never touches the core again.

/// <summary>The sequencer stage: execute, journal, commit per batch, then release.</summary>
internal sealed class PipelineHandler : IEventHandler<PipelineSlot>
{
    private readonly EnclaveCore _core;
    private readonly SealedJournal _journal;
    private readonly ISessionOutbox _outbox;
    private readonly TimeProvider _time;
    private readonly ReplyCollector _collector = new();
    private readonly List<(TaskCompletionSource<EnclaveReply> Waiter, EnclaveReply Reply)> _parked = new(1024);
    private readonly Action<long> _beforeCommit;
    private readonly Action<long> _afterCommit;
    private readonly Func<long, bool> _snapshotNow;
    private long _lastStamp;
    private volatile bool _stopped;

    public PipelineHandler(EnclaveCore core, SealedJournal journal, ISessionOutbox outbox, TimeProvider time, Action<long> beforeCommit, Action<long> afterCommit, Func<long, bool> snapshotNow)
    {
        _core = core;
        _journal = journal;
        _outbox = outbox;
        _time = time;
        _beforeCommit = beforeCommit;
        _afterCommit = afterCommit;
        _snapshotNow = snapshotNow;
        _lastStamp = core.Time;
    }

    /// <summary>True once the journal faulted: nothing more is executed.</summary>
    public bool Stopped => _stopped;

    /// <summary>Why the pipeline stopped, for the host's log (no order data: a storage error).</summary>
    public Exception? StopReason { get; private set; }

    public void OnStart()
    {
    }

    public void OnShutdown()
    {
        // Parked replies of a batch in hand are released by OnEvent's end of batch; nothing is parked here.
    }

    public void OnBatchStart(long firstSequence, long count)
    {
    }

    public void OnEvent(ref PipelineSlot data, long sequence, bool endOfBatch)
    {
        TaskCompletionSource<EnclaveReply>? waiter = data.Waiter;
        data.Waiter = null;
        if (_stopped)
        {
            waiter?.TrySetResult(EnclaveReply.Stopped);
        }
        else if (data.Record[0] == 0)
        {
            // A snapshot request: everything before it is committed first, so the state is exactly the durable journal.
            CommitAndRelease();
            if (!_stopped)
            {
                _ = _snapshotNow(_journal.DurableSequence);
                waiter?.TrySetResult(EnclaveReply.Empty);
            }
            else
            {
                waiter?.TrySetResult(EnclaveReply.Stopped);
            }
        }
        else
        {
            Execute(data.Record.AsSpan(0, data.Length), waiter);
        }

        if (endOfBatch && !_stopped)
        {
            CommitAndRelease();
        }
    }

    private void Execute(Span<byte> record, TaskCompletionSource<EnclaveReply>? waiter)
    {
        long now = Math.Max(_lastStamp, _time.GetUtcNow().ToUnixTimeMilliseconds());
        _lastStamp = now;
        BinaryPrimitives.WriteInt64LittleEndian(record[1..], now);

        var kind = (EnclaveRecordKind)record[0];
        bool hasSubmitter = kind == EnclaveRecordKind.Envelope && record.Length >= EnclaveRecords.HeaderSize + EnvelopeLayout.HeaderSize;
        SessionId submitter = hasSubmitter
            ? SessionId.FromBytes(record.Slice(EnclaveRecords.HeaderSize + EnvelopeLayout.SessionIdOffset, SessionId.Size))
            : default;
        _collector.Begin(submitter, hasSubmitter);
        long journaled = 0;
        try
        {
            if (_core.Execute(record, _collector))
            {
                journaled = _journal.Append(record);
            }
        }
        catch (Exception e)
        {
            // A journal fault, or a defect in the core: either way the state in memory is no longer the durable one.
            Stop(e);
            waiter?.TrySetResult(EnclaveReply.Stopped);
            return;
        }

        if (waiter is not null)
        {
            _parked.Add((waiter, _collector.Finish().At(journaled)));
        }
    }

    private void CommitAndRelease()
    {
        long durable;
        try
        {
            _beforeCommit(_journal.LastAppendedSequence);
            durable = _journal.Commit();
        }
        catch (JournalFaultedException e)
        {
            Stop(e);
            return;
        }

        // Events for other sessions first, then the submitters' answers: by the time a submitter sees its answer, every
        // event the batch produced is already on its way.
        foreach ((SessionId session, byte[] envelope) in _collector.Others)
        {
            _outbox.Deliver(session, envelope);
        }

        _collector.Others.Clear();
        foreach ((TaskCompletionSource<EnclaveReply> waiter, EnclaveReply reply) in _parked)
        {
            waiter.TrySetResult(reply);
        }

        _parked.Clear();
        _afterCommit(durable);
    }

    private void Stop(Exception reason)
    {
        StopReason = reason;
        _stopped = true;
        foreach ((TaskCompletionSource<EnclaveReply> waiter, _) in _parked)
        {
            waiter.TrySetResult(EnclaveReply.Stopped);
        }

        _parked.Clear();
        _collector.Others.Clear();
    }
}
