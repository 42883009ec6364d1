using DarkPool.Disruptor;
using DarkPool.Enclave.Journal;

namespace DarkPool.Enclave.Pipeline.Internal;

// Design:
// The journal stage runs on its own thread behind the sequencer (its barrier is the sequencer's sequence) and is the
// ring's gating stage: a slot is reused only once this stage has released it. It alone calls the journal's appender
// side (Append, Commit) and it alone completes the submitters' tasks and calls the outbox, so the commit rule is kept
// in one place. Per slot it appends the record when the sequencer marked it Journal, checking that the journal gives
// it the sequence the sequencer counted (the reply already carries that number), and clears a request the sequencer
// opened in the slot (an OpenedEnvelope record holds the request's plaintext), journaled or not. At the end of each of its batches
// (the slots the sequencer had finished, together) it commits once (one write, one fsync: group commit), then starts
// any snapshot whose position is now durable, then delivers the batch's events for other sessions, then completes the
// replies, in ring order. The sealing (AES-GCM and the SHA-256 chain) and the fsync so leave the sequencer's thread;
// the sequencer runs on while this thread waits for the disk, and the next batch is whatever it finished meanwhile.
// A failed Append or Commit stops the stage for good: nothing of the batch in hand is released except as Stopped
// (records that were appended may or may not be on disk: the outcome is unknown), nor anything after; the sequencer
// reads Stopped and executes nothing more.

/// <summary>The journal stage: append, group commit, then release events and answers in order.</summary>
internal sealed class JournalHandler : IEventHandler<PipelineSlot>
{
    private readonly RingBuffer<PipelineSlot> _ring;
    private readonly SealedJournal _journal;
    private readonly ISessionOutbox _outbox;
    private readonly SnapshotCoordinator _snapshots;
    private long _batchStart;
    private volatile bool _stopped;

    public JournalHandler(RingBuffer<PipelineSlot> ring, SealedJournal journal, ISessionOutbox outbox, SnapshotCoordinator snapshots)
    {
        _ring = ring;
        _journal = journal;
        _outbox = outbox;
        _snapshots = snapshots;
    }

    /// <summary>True once an append or a commit failed: nothing more is journaled or released except as Stopped.</summary>
    public bool Stopped => _stopped;

    /// <summary>Why the stage stopped, for the host's log (no order data: a storage error).</summary>
    public Exception? StopReason { get; private set; }

    public void OnStart()
    {
    }

    public void OnShutdown()
    {
        // Every batch is released at its end in OnEvent; nothing is held here.
    }

    public void OnBatchStart(long firstSequence, long count) => _batchStart = firstSequence;

    public void OnEvent(ref PipelineSlot data, long sequence, bool endOfBatch)
    {
        if (!_stopped && data.Action == SlotAction.Journal)
        {
            Append(ref data);
        }

        // Journaled or not, a request the sequencer opened leaves the slot now.
        data.ClearOpenedRequest();

        if (endOfBatch)
        {
            Release(sequence);
        }
    }

    private void Append(ref PipelineSlot data)
    {
        try
        {
            long appended = _journal.Append(data.Record.AsSpan(0, data.Length));
            if (appended != data.JournalSequence)
            {
                throw new InvalidOperationException($"The journal gave record {appended} the number the sequencer counted as {data.JournalSequence}.");
            }
        }
        catch (Exception e)
        {
            Stop(e);
        }
    }

    /// <summary>The end of a batch: commit, then snapshots, events and replies for slots [batch start, <paramref name="last"/>].</summary>
    private void Release(long last)
    {
        if (!_stopped)
        {
            try
            {
                _ = _journal.Commit();
            }
            catch (Exception e)
            {
                Stop(e);
            }
        }

        bool durable = !_stopped;
        for (long s = _batchStart; s <= last; s++)
        {
            ref PipelineSlot slot = ref _ring[s];
            if (slot.Snapshot)
            {
                slot.Snapshot = false;
                if (durable)
                {
                    _snapshots.Start(slot.SnapshotPosition);
                }
                else
                {
                    _snapshots.Abandon();
                }
            }
        }

        // Events for other sessions first, then the submitters' answers: by the time a submitter sees its answer, every
        // event the batch produced is already on its way.
        if (durable)
        {
            for (long s = _batchStart; s <= last; s++)
            {
                List<(Protocol.SessionId Session, byte[] Envelope)>? others = _ring[s].Others;
                if (others is not null)
                {
                    foreach ((Protocol.SessionId session, byte[] envelope) in others)
                    {
                        _outbox.Deliver(session, envelope);
                    }
                }
            }
        }

        for (long s = _batchStart; s <= last; s++)
        {
            ref PipelineSlot slot = ref _ring[s];
            TaskCompletionSource<EnclaveReply>? waiter = slot.Waiter;
            EnclaveReply? reply = durable && slot.Action != SlotAction.Stopped ? slot.Reply : EnclaveReply.Stopped;
            slot.Waiter = null;
            slot.Reply = null;
            slot.Others?.Clear();
            _ = waiter?.TrySetResult(reply ?? EnclaveReply.Stopped);
        }
    }

    private void Stop(Exception reason)
    {
        StopReason = reason;
        _stopped = true;
    }
}
