using System.Buffers.Binary;
using System.Security.Cryptography;
using DarkPool.Enclave.Journal;

namespace DarkPool.Enclave.Tests.Journal.Support;

/// <summary>
/// What a workload did to a journal, to check a recovery against: every appended payload by sequence, how far commits
/// have been acknowledged, and the "state" (a count and a hash over the payloads) a snapshot at each position holds.
/// </summary>
internal sealed class JournalModel
{
    private readonly List<byte[]> _payloads = [];
    private readonly List<byte[]> _states = [Digest(0, new byte[32])];

    /// <summary>The highest sequence a commit returned: the client was told these are durable.</summary>
    public long Committed { get; private set; }

    /// <summary>The head the journal reported after the last commit.</summary>
    public JournalHead CommittedHead { get; private set; }

    public long Appended => _payloads.Count;

    public void Append(long sequence, byte[] payload)
    {
        Assert.Equal(_payloads.Count + 1, sequence);
        _payloads.Add(payload);
        byte[] previous = _states[^1];
        _states.Add(Digest(sequence, SHA256.HashData([.. previous.AsSpan(8), .. payload])));
    }

    public void Commit(long durable, JournalHead head)
    {
        Assert.Equal(_payloads.Count, durable);
        Assert.Equal(durable, head.Sequence);
        Committed = durable;
        CommittedHead = head;
    }

    /// <summary>The state bytes a snapshot at <paramref name="position"/> holds.</summary>
    public byte[] StateAt(long position) => _states[(int)position];

    /// <summary>
    /// Checks a recovery: every committed record is there, in order and byte for byte; records past the commit point
    /// (written but never acknowledged) are whole and exactly what was appended; the snapshot holds the state at its
    /// position. Then forgets what did not survive.
    /// </summary>
    public void Verify(OpenedJournal opened)
    {
        long last = opened.Recovery.Head.Sequence;
        Assert.True(last >= Committed, $"recovered up to {last} but {Committed} was acknowledged as durable");
        Assert.True(last <= _payloads.Count, $"recovered {last} records but only {_payloads.Count} were appended");
        if (last == Committed && Committed > 0)
        {
            Assert.Equal(CommittedHead, opened.Recovery.Head);
        }

        RecordingTarget target = opened.Target;
        long first = 1;
        if (target.SnapshotPosition is long position)
        {
            Assert.Equal(StateAt(position), target.SnapshotState);
            first = position + 1;
        }

        Assert.Equal(last - first + 1, target.Records.Count);
        for (int i = 0; i < target.Records.Count; i++)
        {
            (long sequence, byte[] payload) = target.Records[i];
            Assert.Equal(first + i, sequence);
            Assert.Equal(_payloads[(int)sequence - 1], payload);
        }

        _payloads.RemoveRange((int)last, _payloads.Count - (int)last);
        _states.RemoveRange((int)last + 1, _states.Count - (int)last - 1);
        Committed = last;
        CommittedHead = opened.Recovery.Head;
    }

    private static byte[] Digest(long count, byte[] hash)
    {
        var state = new byte[8 + 32];
        BinaryPrimitives.WriteInt64LittleEndian(state, count);
        hash.CopyTo(state, 8);
        return state;
    }
}
