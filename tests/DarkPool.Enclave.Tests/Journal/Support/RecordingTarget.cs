using DarkPool.Enclave.Journal;

namespace DarkPool.Enclave.Tests.Journal.Support;

/// <summary>Keeps what recovery fed it: the snapshot and every replayed record, copied.</summary>
internal sealed class RecordingTarget : IJournalReplayTarget
{
    public long? SnapshotPosition { get; private set; }

    public byte[]? SnapshotState { get; private set; }

    public List<(long Sequence, byte[] Payload)> Records { get; } = [];

    public void RestoreSnapshot(long position, ReadOnlySpan<byte> state)
    {
        Assert.Null(SnapshotPosition);
        Assert.Empty(Records);
        SnapshotPosition = position;
        SnapshotState = state.ToArray();
    }

    public void Replay(long sequence, ReadOnlySpan<byte> payload)
    {
        long expected = Records.Count > 0 ? Records[^1].Sequence + 1 : (SnapshotPosition ?? 0) + 1;
        Assert.Equal(expected, sequence);
        Records.Add((sequence, payload.ToArray()));
    }
}
