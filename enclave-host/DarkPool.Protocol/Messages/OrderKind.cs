namespace DarkPool.Protocol.Messages;

/// <summary>How an order's price is determined (the engine's values).</summary>
public enum OrderKind : byte
{
    /// <summary>Trades at its limit price or better; may rest.</summary>
    Limit = 0,

    /// <summary>Trades at any price, bounded by funds or a budget; never rests.</summary>
    Market = 1,

    /// <summary>Pegged to the reference midpoint, within an optional cap (buy) or floor (sell).</summary>
    Midpoint = 2,
}
