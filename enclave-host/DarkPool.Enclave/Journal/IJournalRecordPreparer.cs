namespace DarkPool.Enclave.Journal;

/// <summary>The ahead-of-replay part of an <see cref="IPreparingReplayTarget"/>.</summary>
public interface IJournalRecordPreparer : IDisposable
{
    /// <summary>
    /// Called for every record that will be replayed, in journal order, one call at a time, each returning before its
    /// record's replay starts; usually on another thread while earlier records replay (recovery orders the calls and
    /// hands the results over: no locking is needed). Writes what it prepared
    /// into <paramref name="prepared"/> (<see cref="IPreparingReplayTarget.PreparedSize"/> bytes, holding anything on
    /// entry). Recovery clears the prepared bytes when it is done with them.
    /// </summary>
    void Prepare(long sequence, ReadOnlySpan<byte> payload, Span<byte> prepared);
}
