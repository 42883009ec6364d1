using System.Numerics;

namespace DarkPool.Chain;

/// <summary>A deposit as the chain recorded it (public: it moved tokens).</summary>
/// <param name="Index">position in the deposit log, from 1</param>
/// <param name="Token">the ERC-20 token</param>
/// <param name="Account">the account credited (its Ethereum address)</param>
/// <param name="Amount">token base units</param>
/// <param name="RunningHash">the running hash after this deposit</param>
/// <param name="BlockNumber">the block that holds the deposit</param>
/// <param name="Confirmations">blocks from that block to the head, inclusive, when read</param>
public sealed record DepositRecord(
    ulong Index,
    EthAddress Token,
    EthAddress Account,
    BigInteger Amount,
    Hash32 RunningHash,
    ulong BlockNumber,
    ulong Confirmations);
