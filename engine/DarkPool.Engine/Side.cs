namespace DarkPool.Engine;

/// <summary>Which side of the book an order is on.</summary>
public enum Side : byte
{
    /// <summary>Buys base, pays quote.</summary>
    Buy = 0,

    /// <summary>Sells base, receives quote.</summary>
    Sell = 1,
}
