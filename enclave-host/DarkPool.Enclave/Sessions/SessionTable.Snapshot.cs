using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DarkPool.Enclave.Sessions.Internal;
using DarkPool.Protocol;
using DarkPool.Protocol.Accounts;
using L = DarkPool.Enclave.Sessions.SessionSnapshotLayout;

namespace DarkPool.Enclave.Sessions;

/// <summary>State you can check: snapshot, restore, state hash, consistency check.</summary>
public sealed partial class SessionTable
{
    /// <summary>
    /// Writes the whole table (<see cref="SessionSnapshotLayout"/>): sessions in id order, so equal tables give equal
    /// bytes whatever their history. Contains keys: seal it.
    /// </summary>
    public void WriteSnapshot(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new StateWriter(output);
        Write(writer);
        Span<byte> hash = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(hash, writer.Hash());
        output.Write(hash);
    }

    /// <summary>The first 8 bytes of SHA-256 over the snapshot's bytes: equal for equal tables.</summary>
    public long ComputeStateHash()
    {
        using var writer = new StateWriter(null);
        Write(writer);
        return writer.Hash();
    }

    /// <summary>
    /// Rebuilds a table from <see cref="WriteSnapshot"/>'s bytes under the same <paramref name="options"/>. Every field
    /// is range-checked, the result must pass <see cref="CheckConsistency"/> and reproduce the recorded state hash.
    /// </summary>
    public static bool TryRestore(SessionTableOptions options, ReadOnlySpan<byte> snapshot, [NotNullWhen(true)] out SessionTable? table, out SessionSnapshotError error)
    {
        ArgumentNullException.ThrowIfNull(options);
        table = null;
        var candidate = new SessionTable(options);
        var reader = new StateReader(snapshot);
        error = candidate.Read(ref reader);
        long recorded = reader.I64();
        if (error == SessionSnapshotError.None && (reader.Truncated || reader.Remaining != 0))
        {
            error = SessionSnapshotError.Truncated;
        }

        if (error == SessionSnapshotError.None && candidate.ComputeStateHash() != recorded)
        {
            error = SessionSnapshotError.HashMismatch;
        }

        if (error == SessionSnapshotError.None)
        {
            try
            {
                candidate.CheckConsistency();
            }
            catch (InvalidOperationException)
            {
                error = SessionSnapshotError.Inconsistent;
            }
        }

        if (error != SessionSnapshotError.None)
        {
            candidate.Dispose();
            return false;
        }

        table = candidate;
        return true;
    }

    /// <summary>Checks every invariant of the table; throws <see cref="InvalidOperationException"/> on the first breach.</summary>
    public void CheckConsistency()
    {
        int open = 0;
        foreach (Session s in _sessions.Values)
        {
            if (!s.IsOpen)
            {
                Require(s.OpenKey is null && s.Replay is null && s.Requests is null, s, "a closed session keeps keys or windows");
                continue;
            }

            open++;
            Require(s.OpenKey is not null && s.SealKey is not null && s.Replay is not null && s.Requests is not null, s, "an open session lacks keys or windows");
            Require(s.NextReceive >= 1 && s.NextSend >= 1, s, "a sequence counter is 0");
            IdempotencyWindow window = s.Requests!;
            Require(window.Count <= window.Capacity, s, "the request window overflows");
            ulong previous = 0;
            for (int i = 0; i < window.Count; i++)
            {
                ulong id = window.EntryAt(i, out bool complete, out ReadOnlySpan<byte> outcome);
                Require(id > previous && id <= window.Highest, s, "request ids are not increasing");
                Require(complete || outcome.IsEmpty, s, "an in-flight request has an outcome");
                previous = id;
            }

            Require(window.Count == 0 ? window.Highest == 0 : previous == window.Highest, s, "the newest request id is not the highest");
        }

        if (open != OpenCount || _sessions.Count > Options.MaxSessions)
        {
            throw new InvalidOperationException($"Session table: {open} open sessions counted, {OpenCount} recorded, {_sessions.Count} held.");
        }
    }

    private static void Require(bool condition, Session session, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Session {session.Id}: {problem}.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // inside the sequencer's snapshot pause: no tier-0 code there
    private void Write(StateWriter w)
    {
        w.U32(L.Magic);
        w.U16(L.Version);
        w.U16(0);
        w.U32((uint)Options.MaxSessions);
        w.U32((uint)Options.IdempotencyWindow);
        w.U32((uint)Options.ReplayWindow);
        w.I64(Options.MaxHandshakeLifetimeMs);
        Session[] sessions = [.. _sessions.Values];
        Array.Sort(sessions, static (a, b) => a.Id.CompareTo(b.Id));
        w.U32((uint)sessions.Length);
        Span<byte> id = stackalloc byte[SessionId.Size];
        Span<byte> account = stackalloc byte[AccountAddress.Size];
        foreach (Session s in sessions)
        {
            s.Id.WriteTo(id);
            s.Account.WriteTo(account);
            w.Bytes(id);
            w.U8(s.IsOpen ? L.Open : L.Closed);
            w.U8(0);
            w.U16(0);
            w.U32((uint)s.Flags);
            w.Bytes(account);
            w.I64(s.HandshakeExpiresAt);
            w.I64(s.OpenedAt);
            w.I64(s.ClosedAt);
            if (s.IsOpen)
            {
                WriteOpen(w, s);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteOpen(StateWriter w, Session s)
    {
        w.Bytes(s.ClientToEnclaveKey);
        w.Bytes(s.EnclaveToClientKey);
        w.U64(s.NextReceive);
        w.U64(s.NextSend);
        int tags = s.Replay!.CountBefore(s.NextReceive);
        w.U16((ushort)tags);
        for (ulong seq = s.NextReceive - (ulong)tags; seq < s.NextReceive; seq++)
        {
            w.Bytes(s.Replay.TagOf(seq));
        }

        IdempotencyWindow window = s.Requests!;
        w.U64(window.Highest);
        w.U16((ushort)window.Count);
        for (int i = 0; i < window.Count; i++)
        {
            ulong requestId = window.EntryAt(i, out bool complete, out ReadOnlySpan<byte> outcome);
            w.U64(requestId);
            w.U8(complete ? (byte)1 : (byte)0);
            w.U8(0);
            w.U16((ushort)outcome.Length);
            w.Bytes(outcome);
        }
    }
}
