using System.Buffers;
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
// they are published, so that work runs on as many threads as submit. The one consumer is PipelineHandler on the
// sequencer thread. Snapshots: the sequencer serialises the state between two batches (the only pause in intake),
// then a background task seals and writes it while intake goes on; one snapshot at a time.

/// <summary>
/// The enclave's request path on the ring buffer: sealed envelopes and verified handshakes in, decrypt, execute on the
/// single-threaded core, journal, group commit, then the sealed answers out. A submission's answer is released only
/// after the record it caused is durable.
/// </summary>
public sealed class EnclavePipeline : IDisposable
{
    private const byte SnapshotControl = 0;

    private readonly RingBuffer<PipelineSlot> _ring;
    private readonly BatchEventProcessor<PipelineSlot, PipelineHandler> _processor;
    private readonly PipelineHandler _handler;
    private readonly Task _running;
    private readonly EnclaveCore _core;
    private readonly SealedJournal _journal;
    private readonly HandshakeVerifier? _verifier;
    private readonly long _snapshotEvery;
    private readonly Action<long, long>? _onBatchStaged;
    private long _lastSnapshotPosition;
    private Task _snapshotWrite = Task.CompletedTask;
    private int _snapshotsWritten;
    private volatile bool _disposed;

    private EnclavePipeline(EnclaveCore core, SealedJournal journal, ISessionOutbox outbox, HandshakeVerifier? verifier, EnclavePipelineOptions options)
    {
        _core = core;
        _journal = journal;
        _verifier = verifier;
        _snapshotEvery = options.SnapshotEveryRecords;
        _onBatchStaged = options.OnBatchStaged;
        _lastSnapshotPosition = journal.DurableSequence;
        _ring = RingBuffer<PipelineSlot>.CreateMultiProducer(options.RingSize, new BlockingWaitStrategy());
        for (long i = 0; i < options.RingSize; i++)
        {
            _ring[i].Record = new byte[EnclaveRecords.MaxRecordSize];
        }

        _handler = new PipelineHandler(core, journal, outbox, options.Time, BeforeCommit, AfterCommit, StartSnapshot);
        _processor = new BatchEventProcessor<PipelineSlot, PipelineHandler>(_ring, _ring.NewBarrier(), _handler);
        _ring.AddGatingSequences(_processor.Sequence);
        _running = _processor.Start("enclave-sequencer");
    }

    /// <summary>True once the journal failed: every submission is answered <see cref="ReplyStatus.Stopped"/>; restart and recover.</summary>
    public bool IsStopped => _handler.Stopped || _disposed;

    /// <summary>Every record up to this journal sequence is durable.</summary>
    public long DurableSequence => _journal.DurableSequence;

    /// <summary>How many snapshots this pipeline has written.</summary>
    public int SnapshotsWritten => Volatile.Read(ref _snapshotsWritten);

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

        Task write = Volatile.Read(ref _snapshotWrite);
        await write.ConfigureAwait(false);
        return write is Task<SnapshotInfo> info ? info.Result : null;
    }

    /// <summary>Stops the sequencer; submissions still in the ring are answered <see cref="ReplyStatus.Stopped"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _processor.Halt();
        try
        {
            _running.Wait();
        }
        catch (AggregateException)
        {
            // The handler failed; its waiters are answered below.
        }

        for (long s = _processor.Sequence.Value + 1; s <= _ring.Cursor; s++)
        {
            _ring[s].Waiter?.TrySetResult(EnclaveReply.Stopped);
            _ring[s].Waiter = null;
        }

        try
        {
            _snapshotWrite.Wait();
        }
        catch (AggregateException)
        {
            // A snapshot that failed to write leaves the older ones; recovery does not need it.
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

    /// <summary>Sequencer thread, before each commit: the diagnostic hash of the staged batch's end state.</summary>
    private void BeforeCommit(long lastStaged)
    {
        _onBatchStaged?.Invoke(lastStaged, _core.ComputeStateHash());
    }

    /// <summary>Sequencer thread, after each commit: starts a snapshot when one is due and none is being written.</summary>
    private void AfterCommit(long durable)
    {
        if (_snapshotEvery > 0 && durable - _lastSnapshotPosition >= _snapshotEvery && _snapshotWrite.IsCompleted)
        {
            StartSnapshot(durable);
        }
    }

    /// <summary>Sequencer thread: the state is serialised here, between batches; sealing and fsync run in the background.</summary>
    internal bool StartSnapshot(long position)
    {
        if (position < 1 || !_snapshotWrite.IsCompleted)
        {
            return false;
        }

        var state = new ArrayBufferWriter<byte>(64 * 1024);
        _core.WriteSnapshot(state);
        byte[] bytes = state.WrittenSpan.ToArray();
        _lastSnapshotPosition = position;
        Volatile.Write(ref _snapshotWrite, Task.Run(() =>
        {
            try
            {
                SnapshotInfo info = _journal.WriteSnapshot(position, bytes);
                Interlocked.Increment(ref _snapshotsWritten);
                return info;
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
            }
        }));
        return true;
    }
}
