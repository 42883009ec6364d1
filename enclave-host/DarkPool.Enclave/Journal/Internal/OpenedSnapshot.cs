namespace DarkPool.Enclave.Journal.Internal;

/// <summary>A snapshot file recovery has unsealed.</summary>
internal sealed record OpenedSnapshot(string Name, SnapshotContent Content);
