namespace DarkPool.Enclave.Journal.Internal;

/// <summary>Unwinds recovery to <see cref="SealedJournal.TryOpen"/>, which returns <see cref="Error"/>; never escapes it.</summary>
internal sealed class JournalLoadException : Exception
{
    public JournalLoadException(JournalErrorKind kind, string? file, long offset, string detail)
        : base(detail)
    {
        Error = new JournalOpenError(kind, file, offset, detail);
    }

    public JournalOpenError Error { get; }
}
