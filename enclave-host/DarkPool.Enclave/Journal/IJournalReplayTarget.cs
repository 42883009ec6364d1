namespace DarkPool.Enclave.Journal;

/// <summary>
/// What recovery feeds: first the newest usable snapshot's state (if any), then every journal record after it, in
/// order. A start that is refused may have fed part of the journal already; the caller then discards the state.
/// </summary>
public interface IJournalReplayTarget
{
    /// <summary>Restores the state saved at <paramref name="position"/>; called at most once, before any record.</summary>
    void RestoreSnapshot(long position, ReadOnlySpan<byte> state);

    /// <summary>Applies the record at <paramref name="sequence"/>; the span is valid during the call only.</summary>
    void Replay(long sequence, ReadOnlySpan<byte> payload);
}
