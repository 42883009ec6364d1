namespace DarkPool.Protocol.Messages;

/// <summary>Whether a fill added or took liquidity.</summary>
public enum Liquidity : byte
{
    /// <summary>The order was resting.</summary>
    Maker = 0,

    /// <summary>The order was incoming.</summary>
    Taker = 1,

    /// <summary>The fill came from a batch auction's uncross.</summary>
    Auction = 2,
}
