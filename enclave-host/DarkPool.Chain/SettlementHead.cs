namespace DarkPool.Chain;

/// <summary>The settlement contract's chain state, read in one go.</summary>
/// <param name="NextSequence">the sequence the next batch must carry</param>
/// <param name="LastBatchHash">the newest batch's hash (zero before the first)</param>
/// <param name="JournalHead">the newest anchored journal head (zero before the first batch)</param>
/// <param name="SettledDepositIndex">the newest batch's deposit cursor index</param>
/// <param name="DepositCount">deposits so far</param>
public sealed record SettlementHead(
    ulong NextSequence,
    Hash32 LastBatchHash,
    Hash32 JournalHead,
    ulong SettledDepositIndex,
    ulong DepositCount);
