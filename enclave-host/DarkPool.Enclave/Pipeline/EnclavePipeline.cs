using DarkPool.Disruptor;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Pipeline.Internal;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Enclave.Pipeline;

// Design:
// Producers are the host's request threads (many): each claims a ring slot with TryNext (multi-producer sequencer,
// never blocks: a full ring answers Busy), copies its record into the slot's own buffer, parks a completion in the
// slot and publishes. Handshakes are verified (ECDSA and ECDH, the expensive part) on the producer's thread before
// they are published, so that work runs on as many threads as submit. Two stages consume the ring, each on its own
// thread, in the LMAX arrangement: the sequencer (SequencerHandler) executes each record on the core and marks what
// must be journaled; the journal stage (JournalHandler), gated on the sequencer, appends those records, commits once
// per batch and only then releases the batch's events and answers. The sequencer sleeps on the ring (publishers wake
// it); the journal stage sleeps on the sequencer (which wakes it after each batch), not on the ring. The producers gate on the journal stage, so a slot
// is reused only after its answer left. The sequencer never waits for the disk and never seals a journal record.
// Snapshots: the sequencer serialises the state between two records (the only pause in intake) and hands it to the
// journal stage in the slot; the journal stage starts the sealed write in the background once that position is
// durable (SnapshotCoordinator); one snapshot at a time.

/// <summary>
/// The enclave's request path on the ring buffer: sealed envelopes and verified handshakes in, decrypt, execute on the
/// single-threaded core, journal, group commit, then the sealed answers out. A submission's answer is released only
/// after the record it caused is durable.
/// </summary>
public sealed class EnclavePipeline : IDisposable
{
    private const byte SnapshotControl = 0;

    private readonly RingBuffer<PipelineSlot> _ring;
    private readonly BatchEventProcessor<PipelineSlot, SequencerHandler> _sequencer;
    private readonly BatchEventProcessor<PipelineSlot, JournalHandler> _journalStage;
    private readonly SequencerHandler _sequencerHandler;
    private readonly JournalHandler _journalHandler;
    private readonly Task _sequencerRunning;
    private readonly Task _journalRunning;
    private readonly SealedJournal _journal;
    private readonly HandshakeVerifier? _verifier;
    private readonly SnapshotCoordinator _snapshots;
    private volatile bool _disposed;

    private EnclavePipeline(EnclaveCore core, SealedJournal journal, ISessionOutbox outbox, HandshakeVerifier? verifier, EnclavePipelineOptions options)
    {
        _journal = journal;
        _verifier = verifier;
        _snapshots = new SnapshotCoordinator(core, journal, options.SnapshotEveryRecords, options.SnapshotBufferBytes, options.OnSnapshotPruneFailed, options.SnapshotScheduler);
        _snapshots.Warm();
        _ring = RingBuffer<PipelineSlot>.CreateMultiProducer(options.RingSize, new BlockingWaitStrategy());
        for (long i = 0; i < options.RingSize; i++)
        {
            _ring[i].Record = new byte[EnclaveRecords.MaxRecordSize];
        }

        _journalHandler = new JournalHandler(_ring, journal, outbox, _snapshots);
        JournalHandler journalHandler = _journalHandler;
        _sequencerHandler = new SequencerHandler(core, journal.LastAppendedSequence, options.Time, _snapshots, options.OnBatchStaged, () => journalHandler.Stopped);
        _sequencer = new BatchEventProcessor<PipelineSlot, SequencerHandler>(_ring, _ring.NewBarrier(), _sequencerHandler);

        // The journal stage sleeps until the sequencer has executed something, and the sequencer wakes it after each
        // batch; on the ring's own strategy every publish woke it too, only to spin and yield until the sequencer caught up.
        BlockingWaitStrategy journalWait = BlockingWaitStrategy.OnUpstreamStages();
        _sequencer.WakeAfterEachBatch(journalWait);
        _journalStage = new BatchEventProcessor<PipelineSlot, JournalHandler>(_ring, _ring.NewBarrier(journalWait, _sequencer.Sequence), _journalHandler);
        _ring.AddGatingSequences(_journalStage.Sequence);
        _journalRunning = _journalStage.Start("enclave-journal");
        _sequencerRunning = _sequencer.Start("enclave-sequencer");
    }

    /// <summary>True once the journal failed: every submission is answered <see cref="ReplyStatus.Stopped"/>; restart and recover.</summary>
    public bool IsStopped => _sequencerHandler.Stopped || _journalHandler.Stopped || _disposed;

    /// <summary>Every record up to this journal sequence is durable.</summary>
    public long DurableSequence => _journal.DurableSequence;

    /// <summary>How many snapshots this pipeline has written.</summary>
    public int SnapshotsWritten => _snapshots.Written;

    /// <summary>What snapshots have cost the sequencer so far (for operators and the load generator).</summary>
    public SnapshotPauses SnapshotPauses => _snapshots.Pauses;

    /// <summary>How many prunes after a written snapshot failed (the data folder threw); the snapshots themselves stood.</summary>
    public int SnapshotPruneFailures => _snapshots.PruneFailures;

    /// <summary>
    /// How many snapshots were taken in two steps (the engine's state copied in the pause, its part written in the
    /// background: docs/STORAGE.md); the others were written whole in the pause.
    /// </summary>
    public int SnapshotsInTwoSteps => _snapshots.TwoStepCount;

    /// <summary>How many background preparations of the engine image ran (periodic snapshots only).</summary>
    public int SnapshotImagePreparations => _snapshots.Preparations;

    /// <summary>
    /// How many periodic snapshots waited past their due position (an eighth of the interval at most, and then for a
    /// preparation in progress to end) for the engine image: being prepared when the snapshot fell due, or not shaped
    /// like the book, which grew since its last preparation.
    /// </summary>
    public int SnapshotsDeferred => _snapshots.Deferred;

    /// <summary>
    /// Starts the sequencer over a recovered core and its journal. <paramref name="verifier"/> checks handshakes; without
    /// one, <see cref="SubmitHandshakeAsync"/> refuses every handshake.
    /// </summary>
    public static EnclavePipeline Start(EnclaveCore core, SealedJournal journal, ISessionOutbox outbox, HandshakeVerifier? verifier, EnclavePipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(outbox);
        options ??= new EnclavePipelineOptions();
        options.Validate();
        core.GoLive();
        return new EnclavePipeline(core, journal, outbox, verifier, options);
    }

    /// <summary>
    /// A trader's sealed request envelope. The answer (sealed, for the envelope's session) arrives once durable; a bad
    /// envelope is refused with its reason and changes nothing; a full ring answers <see cref="ReplyStatus.Busy"/>.
    /// </summary>
    public Task<EnclaveReply> SubmitEnvelopeAsync(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < EnvelopeLayout.HeaderSize + EnvelopeLayout.TagSize)
        {
            return Task.FromResult(EnclaveReply.Refuse(EnvelopeReject.Truncated, HandshakeReject.None));
        }

        if (envelope.Length > EnvelopeLayout.MaxEnvelopeSize)
        {
            return Task.FromResult(EnclaveReply.Refuse(EnvelopeReject.UnexpectedSizeClass, HandshakeReject.None));
        }

        return Submit((byte)EnclaveRecordKind.Envelope, envelope);
    }

    /// <summary>
    /// A client's handshake message: verified on the calling thread, then journaled; the reply says whether the session
    /// opened (its id in <see cref="EnclaveReply.Session"/>) or why not.
    /// </summary>
    public Task<EnclaveReply> SubmitHandshakeAsync(ReadOnlySpan<byte> message)
    {
        if (_verifier is null)
        {
            return Task.FromResult(EnclaveReply.Refuse(EnvelopeReject.None, HandshakeReject.UnknownQuote));
        }

        if (!_verifier.TryVerify(message, out VerifiedHandshake? handshake, out HandshakeReject reject))
        {
            return Task.FromResult(EnclaveReply.Refuse(EnvelopeReject.None, reject));
        }

        Span<byte> payload = stackalloc byte[VerifiedHandshake.SerializedSize];
        handshake.WriteTo(payload);
        try
        {
            return Submit((byte)EnclaveRecordKind.Handshake, payload);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(payload);
        }
    }

    /// <summary>
    /// A record that no trader sends (built with <see cref="EnclaveRecords"/>: a market, a confirmed deposit, a reference
    /// price, an auction or disconnect timer, a tick). Its time is re-stamped by the sequencer.
    /// </summary>
    /// <exception cref="ArgumentException">Not a well-formed operator record.</exception>
    public Task<EnclaveReply> SubmitOperatorAsync(ReadOnlySpan<byte> record)
    {
        if (!EnclaveRecords.IsWellFormedOperatorRecord(record))
        {
            throw new ArgumentException("Not a well-formed operator record.", nameof(record));
        }

        return Submit(record[0], record[EnclaveRecords.HeaderSize..]);
    }

    /// <summary>
    /// Takes a snapshot now: the sequencer commits what it has, serialises the state at that journal position, and the
    /// sealed write completes in the background. The task ends when the snapshot is durable.
    /// </summary>
    public async Task<SnapshotInfo?> SnapshotAsync()
    {
        EnclaveReply reply = await Submit(SnapshotControl, []).ConfigureAwait(false);
        if (reply.Status != ReplyStatus.Done)
        {
            return null;
        }

        Task write = _snapshots.Current;
        await write.ConfigureAwait(false);
        return write is Task<SnapshotInfo> info ? info.Result : null;
    }

    /// <summary>
    /// Stops both stages: what the sequencer already executed is still committed and answered; submissions it had not
    /// reached are answered <see cref="ReplyStatus.Stopped"/>.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _sequencer.Halt();
        Wait(_sequencerRunning);

        // The journal stage drains what the sequencer finished, then stops.
        var spinner = default(SpinWait);
        while (_journalStage.Sequence.Value < _sequencer.Sequence.Value && !_journalRunning.IsCompleted)
        {
            spinner.SpinOnce();
        }

        _journalStage.Halt();
        Wait(_journalRunning);
        for (long s = _journalStage.Sequence.Value + 1; s <= _ring.Cursor; s++)
        {
            _ring[s].Waiter?.TrySetResult(EnclaveReply.Stopped);
            _ring[s].Waiter = null;
            // Executed by the sequencer but never reached by a journal stage that failed: the request's plaintext goes.
            _ring[s].ClearOpenedRequest();
        }

        _snapshots.Stop();
    }

    /// <summary>
    /// How many ring slots hold a request the sequencer opened (an <see cref="EnclaveRecordKind.OpenedEnvelope"/> record)
    /// that has not been cleared yet: 0 once every answer is released (tests of the clearing; reads the slots unsynchronised).
    /// </summary>
    internal int SlotsHoldingOpenedRequests()
    {
        int count = 0;
        for (long s = 0; s < _ring.BufferSize; s++)
        {
            count += _ring[s].HoldsOpenedRequest ? 1 : 0;
        }

        return count;
    }

    private static void Wait(Task running)
    {
        try
        {
            running.Wait();
        }
        catch (AggregateException)
        {
            // A stage failed; its waiters are answered by Dispose.
        }
    }

    private Task<EnclaveReply> Submit(byte kind, ReadOnlySpan<byte> payload)
    {
        if (IsStopped)
        {
            return Task.FromResult(EnclaveReply.Stopped);
        }

        if (!_ring.TryNext(out long sequence))
        {
            return Task.FromResult(EnclaveReply.Busy);
        }

        var waiter = new TaskCompletionSource<EnclaveReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        ref PipelineSlot slot = ref _ring[sequence];
        slot.Record[0] = kind;
        payload.CopyTo(slot.Record.AsSpan(EnclaveRecords.HeaderSize));
        slot.Length = EnclaveRecords.HeaderSize + payload.Length;
        slot.Waiter = waiter;
        _ring.Publish(sequence);
        return waiter.Task;
    }
}
