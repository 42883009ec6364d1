namespace DarkPool.Engine.Internal;

/// <summary>The incoming side of a match: an order being placed or an amended order that crosses.</summary>
internal struct Taker
{
    public OrderData Order;
    public OrderType Type;

    /// <summary>Quote units the taker may still spend (buy) on notional plus fees; unlimited for sells.</summary>
    public long SpendLeft;

    /// <summary>True once self-trade prevention cancelled the taker's remainder.</summary>
    public bool Cancelled;

    /// <summary>True when the taker may trade at this resting price.</summary>
    public readonly bool Crosses(long restingPrice) => Type == OrderType.Market
        || (Order.Side == Side.Buy ? restingPrice <= Order.Price : restingPrice >= Order.Price);
}
