using System.Numerics;

namespace DarkPool.Chain.Batches;

/// <summary>
/// A public withdrawal in a batch: the contract pays <see cref="Amount"/> of <see cref="Token"/> to
/// <see cref="Recipient"/>. Public because tokens move; nothing in it names a trade.
/// </summary>
/// <param name="Token">the ERC-20 token's address</param>
/// <param name="Recipient">who receives the tokens</param>
/// <param name="Amount">token base units, 1 to 2^256-1 (the contract rejects 0)</param>
public readonly record struct Withdrawal(EthAddress Token, EthAddress Recipient, BigInteger Amount);
