namespace DarkPool.Host;

/// <summary>How a configured market trades (the host's name for the engine's market mode, which it may not use).</summary>
public enum TradingMode
{
    /// <summary>Continuous matching: an order that crosses trades at once.</summary>
    Continuous = 0,

    /// <summary>A call market: orders rest until the host's auction timer sends an uncross (docs/ENGINE.md, "Batch auctions").</summary>
    Auction = 1,
}
