using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using DarkPool.Engine;
using DarkPool.Enclave.Core.Internal;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol;

namespace DarkPool.Enclave.Core;

/// <summary>
/// The enclave state as one snapshot (engine, sessions, accounts, event routing, time), and recovery: the journal
/// restores the newest snapshot, then replays every record after it through <see cref="Execute"/>.
/// </summary>
public sealed partial class EnclaveCore
{
    /// <summary>The engine's state as of the last <see cref="TryCaptureSnapshot"/>, kept (arrays and all) for the next one; dropped by a restore, which replaces the engine.</summary>
    private MatchingEngine? _engineImage;

    /// <summary>The core's time at the last capture.</summary>
    private long _imageTime;

    private const int SnapshotMagic = 0x53454350; // "PCES": format 1, no version field, no fill history
    private const int VersionedSnapshotMagic = 0x56454350; // "PCEV", followed by the format version
    private const int SnapshotVersion = 4; // 2: the fill history (EnclaveCore.Fills.cs) after the session part; 3: then the dead-man's switches (EnclaveCore.DeadMan.cs); 4: then the settlement ledger (EnclaveCore.Settlement.cs)

    /// <summary>
    /// Writes the whole state (layout in docs/STORAGE.md, "Enclave state"): magic, time, the engine's snapshot and
    /// the session table's, each length-prefixed, the account registry, then per account its open sessions.
    /// </summary>
    public void WriteSnapshot(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteHeader(output, _time);
        WriteNested(output, _engine.WriteSnapshot);
        WriteAfterEngine(output);
    }

    /// <summary>
    /// The first half of a snapshot split in two (the pipeline's): inside the sequencer's pause, copies the engine's state
    /// into an image (<see cref="MatchingEngine.CopyStateTo"/>: flat arrays, instead of walking every resting order) and
    /// writes every part after the engine's into <paramref name="afterEngine"/>. <see cref="CompleteCapturedSnapshot"/>
    /// then writes the same bytes <see cref="WriteSnapshot"/> would have written at the capture, on any thread, while the
    /// sequencer goes on; until it has, the next capture must wait (the pipeline takes one snapshot at a time). False, and
    /// nothing captured, when the engine's books cannot be copied (the reference kind): write the whole snapshot instead.
    /// </summary>
    internal bool TryCaptureSnapshot(ArrayBufferWriter<byte> afterEngine)
    {
        if (!_engine.CanCopyState)
        {
            return false;
        }

        _engineImage ??= _engine.CreateImage();
        _engine.CopyStateTo(_engineImage);
        _imageTime = _time;
        WriteAfterEngine(afterEngine);
        return true;
    }

    /// <summary>
    /// Makes the engine image ready for the next <see cref="TryCaptureSnapshot"/> (<see cref="MatchingEngine.PrepareImage"/>:
    /// its markets and arrays at the engine's sizes, no state copied), on any thread, so that the capture inside the pause
    /// neither allocates nor faults in fresh memory. Never at the same time as a capture or a completion.
    /// </summary>
    internal void PrepareSnapshotImage()
    {
        MatchingEngine engine = _engine;
        if (!engine.CanCopyState)
        {
            return;
        }

        _engineImage ??= engine.CreateImage();
        engine.PrepareImage(_engineImage);
    }

    /// <summary>
    /// Sequencer: whether a <see cref="TryCaptureSnapshot"/> now would allocate nothing (the image was prepared since the
    /// book last grew, <see cref="MatchingEngine.IsImageReady"/>); true for the reference book kind, which writes in one
    /// step and uses no image. Not while a preparation runs.
    /// </summary>
    internal bool SnapshotImageReady() => !_engine.CanCopyState || (_engineImage is { } image && _engine.IsImageReady(image));

    /// <summary>The second half: the snapshot captured by <see cref="TryCaptureSnapshot"/>, written into <paramref name="output"/>.</summary>
    internal void CompleteCapturedSnapshot(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> afterEngine)
    {
        MatchingEngine image = _engineImage ?? throw new InvalidOperationException("No snapshot was captured.");
        WriteHeader(output, _imageTime);
        WriteNested(output, image.WriteSnapshot);
        output.Write(afterEngine);
    }

    private static void WriteHeader(IBufferWriter<byte> output, long time)
    {
        WriteInt32(output, VersionedSnapshotMagic);
        WriteInt32(output, SnapshotVersion);
        WriteInt64(output, time);
    }

    /// <summary>Every part after the engine's: sessions, fills, dead-man's switches, settlement, accounts, each account's sessions.</summary>
    private void WriteAfterEngine(IBufferWriter<byte> output)
    {
        WriteNested(output, _sessions.WriteSnapshot);
        WriteNested(output, WriteFills);
        WriteNested(output, WriteDeadMen);
        WriteNested(output, _settlement.WriteTo);
        _accounts.WriteTo(output);
        int[] accounts = SortedKeys(_sessionsByAccount, static sessions => sessions.Count > 0);
        WriteInt32(output, accounts.Length);
        foreach (int account in accounts)
        {
            List<SessionId> sessions = _sessionsByAccount[account];
            WriteInt32(output, account);
            WriteInt32(output, sessions.Count);
            foreach (SessionId session in sessions)
            {
                session.WriteTo(output.GetSpan(SessionId.Size));
                output.Advance(SessionId.Size);
            }
        }
    }

    /// <inheritdoc/>
    public void RestoreSnapshot(long position, ReadOnlySpan<byte> state)
    {
        if (!TryRestore(state, out string? problem))
        {
            throw new InvalidDataException($"The enclave snapshot at journal position {position} does not restore: {problem}");
        }
    }

    /// <inheritdoc/>
    public void Replay(long sequence, ReadOnlySpan<byte> payload) => ReplayPrepared(sequence, payload, default);

    /// <inheritdoc/>
    public int PreparedSize => EnvelopePreparer.Size;

    /// <inheritdoc/>
    public IJournalRecordPreparer BeginPreparing() => new EnvelopePreparer(_sessions.OpenRequestKeys());

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The core already serves live requests (a pipeline runs on it): replay
    /// is for recovery only, since an <see cref="EnclaveRecordKind.OpenedEnvelope"/> record skips the session-key check.</exception>
    public void ReplayPrepared(long sequence, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> prepared)
    {
        if (_live)
        {
            throw new InvalidOperationException("Journal replay is for recovery only: this core already serves live requests.");
        }

        _sessions.Replaying = true;
        try
        {
            if (!ExecuteRecord(payload, DiscardOutput.Instance, prepared, default))
            {
                throw new InvalidDataException($"Journal record {sequence} was refused on replay: the journal and the state disagree.");
            }
        }
        finally
        {
            _sessions.Replaying = false;
        }
    }

    private bool TryRestore(ReadOnlySpan<byte> state, out string? problem)
    {
        problem = "truncated";
        int version = state.Length < 4 ? 0 : BinaryPrimitives.ReadInt32LittleEndian(state) switch
        {
            SnapshotMagic => 1,
            VersionedSnapshotMagic when state.Length >= 8 => BinaryPrimitives.ReadInt32LittleEndian(state[4..]),
            _ => 0,
        };
        if (version is < 1 or > SnapshotVersion)
        {
            problem = version == 0 ? "not an enclave snapshot" : $"snapshot format {version} is newer than this build reads ({SnapshotVersion})";
            return false;
        }

        ReadOnlySpan<byte> rest = state[(version == 1 ? 4 : 8)..];
        if (rest.Length < 8)
        {
            return false;
        }

        long time = BinaryPrimitives.ReadInt64LittleEndian(rest);
        rest = rest[8..];
        // Format 1 was written by a build that kept no fill history: it restores with none, and fills count from there.
        scoped ReadOnlySpan<byte> fillBytes = NoFillHistory;
        scoped ReadOnlySpan<byte> deadMenBytes = NoDeadMen; // formats 1 and 2 had no dead-man's switch
        scoped ReadOnlySpan<byte> settlementBytes = default; // formats 1 to 3 had no settlement ledger
        if (!TryTakeNested(ref rest, out ReadOnlySpan<byte> engineBytes) || !TryTakeNested(ref rest, out ReadOnlySpan<byte> sessionBytes)
            || (version >= 2 && !TryTakeNested(ref rest, out fillBytes))
            || (version >= 3 && !TryTakeNested(ref rest, out deadMenBytes))
            || (version >= 4 && !TryTakeNested(ref rest, out settlementBytes)))
        {
            return false;
        }

        if (!MatchingEngine.TryRestore(_options.Engine, this, engineBytes, out MatchingEngine? engine, out SnapshotError engineError))
        {
            problem = $"engine: {engineError}";
            return false;
        }

        if (!SessionTable.TryRestore(_options.Sessions, sessionBytes, out SessionTable? sessions, out SessionSnapshotError sessionError))
        {
            problem = $"sessions: {sessionError}";
            return false;
        }

        int read = AccountRegistry.TryRead(rest, out AccountRegistry accounts);
        if (read < 0)
        {
            problem = "account registry";
            sessions.Dispose();
            return false;
        }

        rest = rest[read..];
        Dictionary<int, List<SessionId>>? routing = TryReadRouting(rest, accounts.Count);
        if (routing is null)
        {
            problem = "session routing";
            sessions.Dispose();
            return false;
        }

        Dictionary<int, FillHistory>? fills = TryReadFills(fillBytes, accounts.Count);
        if (fills is null)
        {
            problem = "fill history";
            sessions.Dispose();
            return false;
        }

        Dictionary<SessionId, DeadManSwitch>? deadMen = TryReadDeadMen(deadMenBytes);
        if (deadMen is null)
        {
            problem = "dead-man's switches";
            sessions.Dispose();
            return false;
        }

        DarkPool.Enclave.Settlement.SettlementLedger? settlement = version >= 4 ? DarkPool.Enclave.Settlement.SettlementLedger.TryRead(settlementBytes) : new();
        if (settlement is null)
        {
            problem = "settlement ledger";
            sessions.Dispose();
            return false;
        }

        _settlement = settlement;
        _sessions.Dispose();
        (_engine, _sessions, _accounts, _sessionsByAccount, _time, _fills, _deadMen) = (engine, sessions, accounts, routing, time, fills, deadMen);
        _engineImage = null; // it held another engine's markets
        problem = null;
        return true;
    }

    private static Dictionary<int, List<SessionId>>? TryReadRouting(ReadOnlySpan<byte> rest, int accounts)
    {
        if (rest.Length < 4)
        {
            return null;
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(rest);
        rest = rest[4..];
        var routing = new Dictionary<int, List<SessionId>>();
        for (int i = 0; i < count; i++)
        {
            if (rest.Length < 8)
            {
                return null;
            }

            int account = BinaryPrimitives.ReadInt32LittleEndian(rest);
            int sessions = BinaryPrimitives.ReadInt32LittleEndian(rest[4..]);
            rest = rest[8..];
            if (account < 1 || account > accounts || sessions < 1 || sessions > rest.Length / SessionId.Size || routing.ContainsKey(account))
            {
                return null;
            }

            var list = new List<SessionId>(sessions);
            for (int s = 0; s < sessions; s++)
            {
                list.Add(SessionId.FromBytes(rest.Slice(s * SessionId.Size, SessionId.Size)));
            }

            rest = rest[(sessions * SessionId.Size)..];
            routing.Add(account, list);
        }

        return rest.IsEmpty ? routing : null;
    }

    private static void WriteNested(IBufferWriter<byte> output, Action<IBufferWriter<byte>> write)
    {
        if (output is ArrayBufferWriter<byte> buffer)
        {
            // In place: a length slot, the part, then the part's length into the slot (no second copy of the state).
            int slot = buffer.WrittenCount;
            WriteInt32(buffer, 0);
            write(buffer);
            BinaryPrimitives.WriteInt32LittleEndian(MemoryMarshal.AsMemory(buffer.WrittenMemory).Span[slot..], buffer.WrittenCount - slot - 4);
            return;
        }

        var inner = new ArrayBufferWriter<byte>();
        write(inner);
        WriteInt32(output, inner.WrittenCount);
        output.Write(inner.WrittenSpan);
    }

    /// <summary>
    /// The keys whose value passes <paramref name="include"/>, ascending: a plain loop and an integer sort rather than
    /// LINQ, whose generic sorting code would otherwise be compiled inside the first snapshot's pause (the start-up
    /// snapshot of an empty state never reaches it).
    /// </summary>
    private static int[] SortedKeys<T>(Dictionary<int, T> map, Func<T, bool> include)
    {
        int count = 0;
        foreach (T value in map.Values)
        {
            count += include(value) ? 1 : 0;
        }

        int[] keys = new int[count];
        int next = 0;
        foreach ((int key, T value) in map)
        {
            if (include(value))
            {
                keys[next++] = key;
            }
        }

        Array.Sort(keys);
        return keys;
    }

    private static bool TryTakeNested(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> nested)
    {
        nested = default;
        if (rest.Length < 4)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(rest);
        if (length < 0 || length > rest.Length - 4)
        {
            return false;
        }

        nested = rest.Slice(4, length);
        rest = rest[(4 + length)..];
        return true;
    }

    private static void WriteInt32(IBufferWriter<byte> output, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    private static void WriteInt64(IBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }
}
