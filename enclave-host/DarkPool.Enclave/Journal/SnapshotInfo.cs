namespace DarkPool.Enclave.Journal;

/// <summary>A snapshot that is durable: its position and its file.</summary>
/// <param name="Position">The last record whose effect the state includes.</param>
/// <param name="File">The snapshot file's name in the data folder.</param>
public sealed record SnapshotInfo(long Position, string File);
