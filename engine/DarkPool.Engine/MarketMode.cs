namespace DarkPool.Engine;

/// <summary>How a market matches.</summary>
public enum MarketMode : byte
{
    /// <summary>Continuous price-time priority matching.</summary>
    Continuous = 0,

    /// <summary>Periodic batch auctions with one uniform clearing price (dark-pool order types; not yet accepted).</summary>
    Auction = 1,
}
