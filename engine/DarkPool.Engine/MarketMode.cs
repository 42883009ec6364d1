namespace DarkPool.Engine;

/// <summary>How a market matches.</summary>
public enum MarketMode : byte
{
    /// <summary>Continuous price-time priority matching.</summary>
    Continuous = 0,

    /// <summary>Periodic batch auctions with one uniform clearing price ; orders rest without matching until an auction command uncrosses the book.</summary>
    Auction = 1,
}
