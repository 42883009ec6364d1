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

    /// <summary>
    /// The worst resting limit price this pass may reach: the order's limit, long.MaxValue / long.MinValue
    /// for a market order, or the mid while matching stops at the mid to meet pegged orders there.
    /// </summary>
    public long Limit;

    /// <summary>When set, the walk starts after this price (exclusive): matching past the mid after the pegs there.</summary>
    public long From;

    /// <summary>True when <see cref="From"/> is set.</summary>
    public bool HasFrom;

    /// <summary>True when the taker may trade at this resting price.</summary>
    public readonly bool Crosses(long restingPrice) => Order.Side == Side.Buy ? restingPrice <= Limit : restingPrice >= Limit;

    /// <summary>The limit of the order itself, with no mid bound.</summary>
    public readonly long OwnLimit => Type == OrderType.Market
        ? (Order.Side == Side.Buy ? long.MaxValue : long.MinValue)
        : Order.Price;
}
