namespace DarkPool.Chain;

/// <summary>The outcome of posting a batch that the chain accepted or already had.</summary>
/// <param name="Status">settled now, or already on chain</param>
/// <param name="Sequence">the batch's sequence</param>
/// <param name="BatchHash">the batch hash</param>
public sealed record BatchPostResult(BatchPostStatus Status, ulong Sequence, Hash32 BatchHash);
