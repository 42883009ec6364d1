namespace DarkPool.Enclave.Pipeline;

/// <summary>
/// The pauses in intake that snapshots cost: the sequencer serialises the whole state between two records
/// (docs/STORAGE.md). Sizes and durations only; nothing of the state itself.
/// </summary>
/// <param name="Count">Snapshots serialised since the pipeline started.</param>
/// <param name="Last">The newest one's pause.</param>
/// <param name="Longest">The longest pause.</param>
/// <param name="LastBytes">The newest one's serialised size, before sealing (until the engine's part, written after the pause from a copy of its state, is written: the parts written in the pause).</param>
public readonly record struct SnapshotPauses(int Count, TimeSpan Last, TimeSpan Longest, int LastBytes);
