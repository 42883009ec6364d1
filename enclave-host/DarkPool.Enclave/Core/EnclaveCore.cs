using System.Buffers.Binary;
using DarkPool.Engine;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Enclave.Core;

/// <summary>
/// The enclave's deterministic state machine: the matching engine, the session table and the account registry,
/// driven by journal records only. The pipeline executes a record live and journals it when it changed state;
/// recovery executes the same records again with their answers discarded, and reaches the same state hash.
/// </summary>
/// <remarks>Single-threaded by design: the pipeline's sequencer thread is its only caller.</remarks>
public sealed partial class EnclaveCore : IPreparingReplayTarget, IEventSink, IDisposable
{
    private readonly EnclaveCoreOptions _options;
    private readonly List<EngineEvent> _events = new(64);
    private readonly byte[] _sealed = new byte[EnvelopeLayout.MaxEnvelopeSize];
    private bool _live;
    private MatchingEngine _engine;
    private SessionTable _sessions;
    private AccountRegistry _accounts = new();
    private Dictionary<int, List<SessionId>> _sessionsByAccount = [];
    private long _time;
    private IEnclaveOutput _output = DiscardOutput.Instance;

    /// <summary>An empty enclave state.</summary>
    public EnclaveCore(EnclaveCoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _engine = new MatchingEngine(options.Engine, this);
        _sessions = new SessionTable(options.Sessions);
    }

    /// <summary>The latest record time executed, Unix milliseconds.</summary>
    public long Time => _time;

    /// <summary>The engine, for diagnostics and tests (queries only: commands come through records).</summary>
    public MatchingEngine Engine => _engine;

    /// <summary>Registered accounts.</summary>
    public AccountRegistry Accounts => _accounts;

    /// <summary>Open and recently closed sessions.</summary>
    public SessionTable Sessions => _sessions;

    /// <summary>
    /// Ends recovery: from now on the core serves live requests only, and <see cref="ReplayPrepared"/> refuses. The pipeline
    /// calls it when it starts, so a journal record that skips the session-key check (an opened envelope) can only ever be
    /// executed while the journal is being recovered.
    /// </summary>
    internal void GoLive() => _live = true;

    /// <summary>
    /// Executes one record live and sends its answers to <paramref name="output"/>. Returns true when the record changed
    /// state, so the pipeline must journal it before releasing the answers; false when it was refused as a whole (a
    /// bad envelope) and changed nothing, so it is not journaled. An accepted request envelope record
    /// (<see cref="EnclaveRecordKind.Envelope"/>) is rewritten in place as the
    /// <see cref="EnclaveRecordKind.OpenedEnvelope"/> record of the same length that the journal keeps, so replay does not
    /// decrypt it again (docs/STORAGE.md §6); the caller clears it once journaled.
    /// </summary>
    /// <exception cref="ArgumentException">Not an enclave record, or an <see cref="EnclaveRecordKind.OpenedEnvelope"/>
    /// record, which only the journal holds: a live request always arrives sealed.</exception>
    public bool Execute(Span<byte> record, IEnclaveOutput output)
    {
        if (EnclaveRecords.KindOf(record) == EnclaveRecordKind.OpenedEnvelope)
        {
            throw new ArgumentException("An opened envelope is replayed from the journal only; a live request arrives sealed.", nameof(record));
        }

        return ExecuteRecord(record, output, default, record);
    }

    private bool ExecuteRecord(ReadOnlySpan<byte> record, IEnclaveOutput output, ReadOnlySpan<byte> prepared, Span<byte> live)
    {
        ArgumentNullException.ThrowIfNull(output);
        EnclaveRecordKind kind = EnclaveRecords.KindOf(record);
        if (kind == 0)
        {
            throw new ArgumentException("Not an enclave record.", nameof(record));
        }

        long time = Math.Max(_time, EnclaveRecords.TimeOf(record));
        ReadOnlySpan<byte> payload = record[EnclaveRecords.HeaderSize..];
        _output = output;
        try
        {
            switch (kind)
            {
                case EnclaveRecordKind.Envelope:
                    return ExecuteEnvelope(payload, time, prepared, live);
                case EnclaveRecordKind.OpenedEnvelope:
                    return ExecuteOpenedEnvelope(payload, time);
                case EnclaveRecordKind.Handshake:
                    ExecuteHandshake(payload, time);
                    break;
                default:
                    ExecuteOperator(kind, payload, time);
                    break;
            }

            _time = time;
            return true;
        }
        finally
        {
            _output = DiscardOutput.Instance;
        }
    }

    /// <summary>
    /// A hash over the whole enclave state: engine, sessions, accounts, the routing of events and the time. Equal in
    /// any process after the same records (it uses no per-process hash seeds).
    /// </summary>
    public long ComputeStateHash()
    {
        ulong h = Mix(0x456E636C617665UL, (ulong)_engine.ComputeStateHash());
        h = Mix(h, (ulong)_sessions.ComputeStateHash());
        h = Mix(h, (ulong)_time);
        h = MixDeadMen(h);
        h = MixFills(h);
        h = Mix(h, _settlement.ComputeHash());
        Span<byte> bytes = stackalloc byte[32];
        for (int id = 1; id <= _accounts.Count; id++)
        {
            bytes.Clear();
            _accounts.AddressOf(id).WriteTo(bytes);
            h = Mix(Mix(Mix(h, BinaryPrimitives.ReadUInt64LittleEndian(bytes)), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..])),
                BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]));
            if (_sessionsByAccount.TryGetValue(id, out List<SessionId>? sessions))
            {
                foreach (SessionId session in sessions)
                {
                    session.WriteTo(bytes);
                    h = Mix(Mix(h, BinaryPrimitives.ReadUInt64LittleEndian(bytes)), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
                }
            }
        }

        return (long)h;
    }

    private static ulong Mix(ulong h, ulong value)
    {
        h ^= value * 0x9E3779B97F4A7C15UL;
        h = ((h << 27) | (h >> 37)) * 0xC2B2AE3D27D4EB4FUL;
        return h ^ (h >> 31);
    }

    /// <summary>Checks the engine's and the session table's invariants; throws on the first breach.</summary>
    public void CheckConsistency()
    {
        _engine.CheckConsistency();
        _sessions.CheckConsistency();
    }

    /// <inheritdoc/>
    public void Dispose() => _sessions.Dispose();

    private void ExecuteHandshake(ReadOnlySpan<byte> payload, long time)
    {
        if (!VerifiedHandshake.TryReadFrom(payload, out VerifiedHandshake? handshake))
        {
            throw new InvalidDataException("A journaled handshake record does not parse.");
        }

        if (!_accounts.TryGetOrAdd(handshake.Account, _options.Engine.MaxAccounts, out int account))
        {
            _output.OnHandshake(handshake.SessionId, HandshakeReject.Malformed);
            return;
        }

        if (!_sessions.TryOpenSession(handshake, time, out HandshakeReject reject))
        {
            _output.OnHandshake(handshake.SessionId, reject);
            return;
        }

        if (!_sessionsByAccount.TryGetValue(account, out List<SessionId>? sessions))
        {
            sessions = [];
            _sessionsByAccount.Add(account, sessions);
        }

        sessions.Add(handshake.SessionId);
        _output.OnHandshake(handshake.SessionId, HandshakeReject.None);
    }
}
