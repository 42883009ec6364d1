using DarkPool.Chain.Batches;

namespace DarkPool.Chain;

/// <summary>A batch read back from the chain: the settlement event and the batch as posted.</summary>
/// <param name="Sequence">the batch sequence (event topic)</param>
/// <param name="BatchHash">the batch hash (event topic)</param>
/// <param name="JournalHead">the journal head the batch anchors (event data)</param>
/// <param name="Ciphertext">the opaque per-account entries (event data)</param>
/// <param name="BlockNumber">the block that settled it</param>
/// <param name="Batch">the encoded batch and signature exactly as posted</param>
public sealed record SettledBatch(
    ulong Sequence,
    Hash32 BatchHash,
    Hash32 JournalHead,
    ReadOnlyMemory<byte> Ciphertext,
    ulong BlockNumber,
    SignedBatch Batch);
