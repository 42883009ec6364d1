namespace DarkPool.Enclave.Journal;

/// <summary>
/// The journal stopped: a write, an fsync or a segment roll failed. After a failed fsync the page cache cannot be
/// trusted to hold what was written, so the journal never retries; records not yet durable may or may not survive,
/// and the enclave must restart and recover. Every call after the fault throws this again.
/// </summary>
public sealed class JournalFaultedException : Exception
{
    /// <summary>A fault with no detail.</summary>
    public JournalFaultedException()
        : base("The journal has faulted.")
    {
    }

    /// <summary>A fault described by <paramref name="message"/>.</summary>
    public JournalFaultedException(string message)
        : base(message)
    {
    }

    /// <summary>A fault caused by <paramref name="innerException"/>.</summary>
    public JournalFaultedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
