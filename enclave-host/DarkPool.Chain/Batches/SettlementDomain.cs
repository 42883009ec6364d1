namespace DarkPool.Chain.Batches;

/// <summary>
/// What a batch signature is bound to: the chain and the settlement contract, so that a batch signed
/// for one contract or chain cannot be replayed on another (the EIP-712 domain).
/// </summary>
/// <param name="ChainId">the EIP-155 chain id</param>
/// <param name="Contract">the settlement contract's address</param>
public readonly record struct SettlementDomain(ulong ChainId, EthAddress Contract);
