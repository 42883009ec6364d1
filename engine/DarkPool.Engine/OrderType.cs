namespace DarkPool.Engine;

/// <summary>How an order's price is determined.</summary>
public enum OrderType : byte
{
    /// <summary>Trades at its limit price or better; may rest.</summary>
    Limit = 0,

    /// <summary>Trades at any price, bounded by funds or a budget; never rests.</summary>
    Market = 1,

    /// <summary>Pegged to the reference midpoint: trades only at the mid, within its optional limit (cap for a buy, floor for a sell).</summary>
    Midpoint = 2,
}
