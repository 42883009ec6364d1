namespace DarkPool.Enclave.Journal;

/// <summary>
/// A replay target that does part of each record's work ahead of replay, on another thread (docs/STORAGE.md §9): after
/// the snapshot is restored, recovery calls <see cref="BeginPreparing"/> once, then, for every authentic record it will
/// replay, <see cref="IJournalRecordPreparer.Prepare"/> and later <see cref="ReplayPrepared"/> with the bytes Prepare
/// wrote, instead of <see cref="IJournalReplayTarget.Replay"/>.
/// </summary>
public interface IPreparingReplayTarget : IJournalReplayTarget
{
    /// <summary>Bytes of prepared data per record.</summary>
    int PreparedSize { get; }

    /// <summary>Called once, after <see cref="IJournalReplayTarget.RestoreSnapshot"/> (if any) and before any record; recovery disposes the preparer when it is done.</summary>
    IJournalRecordPreparer BeginPreparing();

    /// <summary>
    /// As <see cref="IJournalReplayTarget.Replay"/>, with what <see cref="IJournalRecordPreparer.Prepare"/> wrote for the
    /// same record (<see cref="PreparedSize"/> bytes). Prepare ran ahead, without this target's state: replay takes
    /// from it only what it can check against that state. Both spans are valid during the call only.
    /// </summary>
    void ReplayPrepared(long sequence, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> prepared);
}
