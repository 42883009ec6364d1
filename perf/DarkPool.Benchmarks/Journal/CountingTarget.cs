using DarkPool.Enclave.Journal;

namespace DarkPool.Benchmarks.Journal;

/// <summary>A replay target that only counts (and touches each payload's length), so replay measures the journal alone.</summary>
internal sealed class CountingTarget : IJournalReplayTarget
{
    public long Records { get; private set; }

    public long Bytes { get; private set; }

    public void RestoreSnapshot(long position, ReadOnlySpan<byte> state) => Bytes += state.Length;

    public void Replay(long sequence, ReadOnlySpan<byte> payload)
    {
        Records++;
        Bytes += payload.Length;
    }
}
