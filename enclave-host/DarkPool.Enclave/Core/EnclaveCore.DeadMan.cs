using System.Buffers;
using System.Buffers.Binary;
using DarkPool.Engine;
using DarkPool.Protocol;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;

namespace DarkPool.Enclave.Core;

/// <summary>
/// The heartbeat dead-man's switch, per session: a heartbeat arms it with a timeout, every later heartbeat restarts the
/// countdown, and if enclave time passes the deadline the session's account has all its resting orders cancelled
/// (reason heartbeat missed) and the switch disarms. Time is only ever a record's stamped time, so replay fires the
/// switch at the same record: the check runs on every Tick record and before any request of that session.
/// </summary>
public sealed partial class EnclaveCore
{
    private const int DeadManEntrySize = SessionId.Size + 16;

    /// <summary>The dead-man part of a snapshot written before switches existed: none armed.</summary>
    private static ReadOnlySpan<byte> NoDeadMen => [0, 0, 0, 0];

    private readonly List<SessionId> _dueSwitches = [];
    private Dictionary<SessionId, DeadManSwitch> _deadMen = [];
    private CancelCode _massCancelCode = CancelCode.MassCancel;

    /// <summary>Sessions whose dead-man's switch is armed, with its timeout and deadline (Unix ms), by session id.</summary>
    public IReadOnlyList<(SessionId Session, long TimeoutMs, long Deadline)> DeadManSwitches =>
        [.. _deadMen.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.TimeoutMs, p.Value.Deadline))];

    /// <summary>A heartbeat: arms, disarms or restarts the session's switch (<see cref="Heartbeat.CancelAfterSeconds"/>).</summary>
    private void OnHeartbeat(SessionId session, in Heartbeat heartbeat, long time)
    {
        if (heartbeat.CancelAfterSeconds is int seconds)
        {
            if (seconds == 0)
            {
                _ = _deadMen.Remove(session);
            }
            else
            {
                _deadMen[session] = new DeadManSwitch(seconds * 1000L, time + (seconds * 1000L));
            }
        }
        else if (_deadMen.TryGetValue(session, out DeadManSwitch armed))
        {
            _deadMen[session] = armed with { Deadline = time + armed.TimeoutMs };
        }
    }

    /// <summary>Before a session's request runs: a heartbeat (or anything else) after the deadline is too late.</summary>
    private void FireIfDue(SessionId session, int account, long time)
    {
        if (_deadMen.Count != 0 && _deadMen.TryGetValue(session, out DeadManSwitch armed) && time > armed.Deadline)
        {
            Fire(session, account, time);
        }
    }

    /// <summary>On a Tick: every switch past its deadline fires, in session id order (deterministic).</summary>
    private void FireDueSwitches(long time)
    {
        if (_deadMen.Count == 0)
        {
            return;
        }

        _dueSwitches.Clear();
        foreach ((SessionId session, DeadManSwitch armed) in _deadMen)
        {
            if (time > armed.Deadline)
            {
                _dueSwitches.Add(session);
            }
        }

        _dueSwitches.Sort();
        foreach (SessionId session in _dueSwitches)
        {
            if (_sessions.TryGetSession(session, out Sessions.SessionInfo info) && info.IsOpen && _accounts.TryGet(info.Account, out int account))
            {
                Fire(session, account, time);
            }
            else
            {
                // A session closed since it armed its switch: a graceful close keeps the orders; the switch just goes.
                _ = _deadMen.Remove(session);
            }
        }

        _dueSwitches.Clear();
    }

    private void Fire(SessionId session, int account, long time)
    {
        _ = _deadMen.Remove(session);
        MassCancelAccount(account, time, CancelCode.HeartbeatMissed);
    }

    /// <summary>
    /// Cancels all the account's resting orders (every market) on the enclave's own initiative; the cancels go out with
    /// <paramref name="code"/> instead of the mass-cancel code a trader's own request gets.
    /// </summary>
    private void MassCancelAccount(int account, long time, CancelCode code)
    {
        Command cancel = Command.MassCancelOrders(account, null);
        cancel.Timestamp = time;
        _massCancelCode = code;
        try
        {
            RunEngine(cancel);
        }
        finally
        {
            _massCancelCode = CancelCode.MassCancel;
        }
    }

    private ulong MixDeadMen(ulong h)
    {
        Span<byte> id = stackalloc byte[SessionId.Size];
        foreach ((SessionId session, DeadManSwitch armed) in _deadMen.OrderBy(p => p.Key))
        {
            session.WriteTo(id);
            h = Mix(Mix(h, BinaryPrimitives.ReadUInt64LittleEndian(id)), BinaryPrimitives.ReadUInt64LittleEndian(id[8..]));
            h = Mix(Mix(h, (ulong)armed.TimeoutMs), (ulong)armed.Deadline);
        }

        return h;
    }

    /// <summary>The switches as a snapshot part: count i32, then per session (by id) id (16), timeout ms i64, deadline i64.</summary>
    private void WriteDeadMen(IBufferWriter<byte> output)
    {
        WriteInt32(output, _deadMen.Count);
        foreach ((SessionId session, DeadManSwitch armed) in _deadMen.OrderBy(p => p.Key))
        {
            Span<byte> entry = output.GetSpan(DeadManEntrySize);
            session.WriteTo(entry);
            BinaryPrimitives.WriteInt64LittleEndian(entry[SessionId.Size..], armed.TimeoutMs);
            BinaryPrimitives.WriteInt64LittleEndian(entry[(SessionId.Size + 8)..], armed.Deadline);
            output.Advance(DeadManEntrySize);
        }
    }

    /// <summary>Reads <see cref="WriteDeadMen"/>'s part; null when it is damaged (ids out of order, a timeout out of range).</summary>
    private static Dictionary<SessionId, DeadManSwitch>? TryReadDeadMen(ReadOnlySpan<byte> part)
    {
        if (part.Length < 4)
        {
            return null;
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(part);
        part = part[4..];
        if (count < 0 || (long)count * DeadManEntrySize != part.Length)
        {
            return null;
        }

        var switches = new Dictionary<SessionId, DeadManSwitch>(count);
        SessionId previous = default;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> entry = part.Slice(i * DeadManEntrySize, DeadManEntrySize);
            var session = SessionId.FromBytes(entry[..SessionId.Size]);
            long timeout = BinaryPrimitives.ReadInt64LittleEndian(entry[SessionId.Size..]);
            long deadline = BinaryPrimitives.ReadInt64LittleEndian(entry[(SessionId.Size + 8)..]);
            if ((i > 0 && session <= previous) || timeout < 1000 || timeout > Heartbeat.MaxCancelAfterSeconds * 1000L)
            {
                return null;
            }

            switches.Add(session, new DeadManSwitch(timeout, deadline));
            previous = session;
        }

        return switches;
    }

    /// <summary>An armed switch: its timeout and the enclave time after which it fires.</summary>
    private readonly record struct DeadManSwitch(long TimeoutMs, long Deadline);
}
