using DarkPool.Enclave.Sessions.Internal;
using DarkPool.Protocol;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Handshake;
using L = DarkPool.Enclave.Sessions.SessionSnapshotLayout;

namespace DarkPool.Enclave.Sessions;

/// <summary>Reading a snapshot back, field by field, refusing anything out of range.</summary>
public sealed partial class SessionTable
{
    private SessionSnapshotError Read(ref StateReader r)
    {
        if (r.U32() != L.Magic)
        {
            return r.Truncated ? SessionSnapshotError.Truncated : SessionSnapshotError.NotASnapshot;
        }

        if (r.U16() != L.Version || r.U16() != 0)
        {
            return r.Truncated ? SessionSnapshotError.Truncated : SessionSnapshotError.UnsupportedVersion;
        }

        bool sameOptions = r.U32() == (uint)Options.MaxSessions & r.U32() == (uint)Options.IdempotencyWindow
            & r.U32() == (uint)Options.ReplayWindow & r.I64() == Options.MaxHandshakeLifetimeMs;
        if (!sameOptions)
        {
            return r.Truncated ? SessionSnapshotError.Truncated : SessionSnapshotError.OptionsMismatch;
        }

        uint count = r.U32();
        if (count > (uint)Options.MaxSessions)
        {
            return r.Truncated ? SessionSnapshotError.Truncated : SessionSnapshotError.InvalidField;
        }

        SessionId? previous = null;
        for (uint i = 0; i < count; i++)
        {
            SessionSnapshotError error = ReadSession(ref r, previous, out Session? session);
            if (error != SessionSnapshotError.None)
            {
                return r.Truncated ? SessionSnapshotError.Truncated : error;
            }

            _sessions.Add(session!.Id, session);
            OpenCount += session.IsOpen ? 1 : 0;
            previous = session.Id;
        }

        return r.Truncated ? SessionSnapshotError.Truncated : SessionSnapshotError.None;
    }

    private SessionSnapshotError ReadSession(ref StateReader r, SessionId? previous, out Session? session)
    {
        session = null;
        ReadOnlySpan<byte> idBytes = r.Take(SessionId.Size);
        byte state = r.U8();
        bool reservedZero = r.U8() == 0 & r.U16() == 0;
        var flags = (SessionFlags)r.U32();
        ReadOnlySpan<byte> accountBytes = r.Take(AccountAddress.Size);
        long expiresAt = r.I64();
        long openedAt = r.I64();
        long closedAt = r.I64();
        if (r.Truncated)
        {
            return SessionSnapshotError.Truncated;
        }

        var id = SessionId.FromBytes(idBytes);
        if ((previous is { } p && id <= p) || state is not (L.Open or L.Closed) || !reservedZero
            || (flags & ~SessionFlags.CancelOnDisconnect) != 0)
        {
            return SessionSnapshotError.InvalidField;
        }

        var candidate = new Session(id, AccountAddress.FromBytes(accountBytes), flags, expiresAt, openedAt);
        if (state == L.Closed)
        {
            candidate.Close(closedAt);
            session = candidate;
            return SessionSnapshotError.None;
        }

        SessionSnapshotError error = ReadOpen(ref r, candidate);
        if (error != SessionSnapshotError.None)
        {
            candidate.Close(0);
            return error;
        }

        session = candidate;
        return closedAt == 0 ? SessionSnapshotError.None : SessionSnapshotError.InvalidField;
    }

    private SessionSnapshotError ReadOpen(ref StateReader r, Session s)
    {
        ReadOnlySpan<byte> clientToEnclave = r.Take(SessionKeys.KeySize);
        ReadOnlySpan<byte> enclaveToClient = r.Take(SessionKeys.KeySize);
        ulong nextReceive = r.U64();
        ulong nextSend = r.U64();
        ushort tags = r.U16();
        if (r.Truncated)
        {
            return SessionSnapshotError.Truncated;
        }

        s.Open(clientToEnclave, enclaveToClient, Options.ReplayWindow, Options.IdempotencyWindow);
        if (nextReceive == 0 || nextSend == 0 || tags != s.Replay!.CountBefore(nextReceive))
        {
            return SessionSnapshotError.InvalidField;
        }

        s.NextReceive = nextReceive;
        s.NextSend = nextSend;
        for (ulong seq = nextReceive - tags; seq < nextReceive; seq++)
        {
            ReadOnlySpan<byte> tag = r.Take(ReplayWindow.TagSize);
            if (r.Truncated)
            {
                return SessionSnapshotError.Truncated;
            }

            s.Replay.Record(seq, tag);
        }

        return ReadWindow(ref r, s.Requests!);
    }

    private static SessionSnapshotError ReadWindow(ref StateReader r, IdempotencyWindow window)
    {
        ulong highest = r.U64();
        ushort count = r.U16();
        if (r.Truncated)
        {
            return SessionSnapshotError.Truncated;
        }

        if (count > window.Capacity || (count == 0 && highest != 0))
        {
            return SessionSnapshotError.InvalidField;
        }

        ulong previous = 0;
        for (int i = 0; i < count; i++)
        {
            ulong id = r.U64();
            byte complete = r.U8();
            byte reserved = r.U8();
            ushort length = r.U16();
            if (id <= previous || id > highest || complete > 1 || reserved != 0
                || length > IdempotencyWindow.OutcomeCapacity || (complete == 0 && length != 0))
            {
                return r.Truncated ? SessionSnapshotError.Truncated : SessionSnapshotError.InvalidField;
            }

            window.AppendRestored(id, complete == 1, r.Take(length));
            previous = id;
        }

        window.Restore(highest);
        return r.Truncated ? SessionSnapshotError.Truncated : count > 0 && previous != highest ? SessionSnapshotError.InvalidField : SessionSnapshotError.None;
    }
}
