namespace DarkPool.Enclave.Journal;

/// <summary>A snapshot file recovery could not read and so did not use; recovery started from an older one or from the journal.</summary>
/// <param name="File">The snapshot file.</param>
/// <param name="Offset">Where in the file the problem is.</param>
/// <param name="Reason">Why it could not be read.</param>
public sealed record SkippedSnapshot(string File, long Offset, string Reason);
