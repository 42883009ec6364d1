namespace DarkPool.Chain.Batches;

/// <summary>
/// How far into the deposit log a batch has credited: deposits 1..<see cref="Index"/>, whose running
/// hash after deposit <see cref="Index"/> is <see cref="RunningHash"/>. Index 0 with a zero hash is
/// "no deposit yet".
/// </summary>
/// <param name="Index">the newest deposit index credited</param>
/// <param name="RunningHash">the deposit running hash at that index</param>
public readonly record struct DepositCursor(ulong Index, Hash32 RunningHash);
