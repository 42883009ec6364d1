namespace DarkPool.Protocol.Messages;

/// <summary>Which side of the book an order is on (the engine's values).</summary>
public enum OrderSide : byte
{
    /// <summary>Buys base, pays quote.</summary>
    Buy = 0,

    /// <summary>Sells base, receives quote.</summary>
    Sell = 1,
}
