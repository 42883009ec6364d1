using DarkPool.Chain;

namespace DarkPool.Host.Settlement;

/// <summary>A pool asset and the ERC-20 token that carries it on chain; one pool unit is one token base unit.</summary>
/// <param name="Asset">the asset id markets use</param>
/// <param name="Symbol">a display name</param>
/// <param name="Token">the token address</param>
public sealed record SettlementAsset(int Asset, string Symbol, EthAddress Token);
