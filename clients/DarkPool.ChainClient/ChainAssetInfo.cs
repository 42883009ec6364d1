using DarkPool.Chain;

namespace DarkPool.ChainClient;

/// <summary>A pool asset and its token on the chain (one pool unit is one token base unit).</summary>
/// <param name="Asset">asset id</param>
/// <param name="Symbol">display name</param>
/// <param name="Token">ERC-20 address</param>
public sealed record ChainAssetInfo(int Asset, string Symbol, EthAddress Token);
