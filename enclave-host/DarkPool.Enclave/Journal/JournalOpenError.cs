namespace DarkPool.Enclave.Journal;

/// <summary>A refused start: the reason, the file and offset concerned, and a sentence for people.</summary>
/// <param name="Kind">The reason.</param>
/// <param name="File">The file concerned, or null when the reason is not about one file.</param>
/// <param name="Offset">The byte offset in <paramref name="File"/> where the problem is (a record's or header's start), or -1.</param>
/// <param name="Detail">What was wrong, naming the file and offset; never any key material or payload.</param>
public readonly record struct JournalOpenError(JournalErrorKind Kind, string? File, long Offset, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Detail}";
}
