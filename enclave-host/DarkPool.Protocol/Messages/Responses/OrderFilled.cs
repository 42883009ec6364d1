using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>Part or all of an order traded, at the resting order's price. The counterparty is never named. Wire: an array of 7 elements.</summary>
[MessagePackObject]
public readonly record struct OrderFilled : IResponseBody<OrderFilled>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.OrderFilled;

    /// <inheritdoc/>
    public static int FieldCount => 7;

    /// <summary>Market id.</summary>
    [Key(0)]
    public int Market { get; init; }

    /// <summary>The order's client order id.</summary>
    [Key(1)]
    public long ClientOrderId { get; init; }

    /// <summary>The order's side.</summary>
    [Key(2)]
    public OrderSide Side { get; init; }

    /// <summary>Trade price, quote units per lot.</summary>
    [Key(3)]
    public long Price { get; init; }

    /// <summary>Lots traded.</summary>
    [Key(4)]
    public long Quantity { get; init; }

    /// <summary>Fee paid on this fill, in quote units.</summary>
    [Key(5)]
    public long Fee { get; init; }

    /// <summary>Whether the order was resting or incoming.</summary>
    [Key(6)]
    public Liquidity Liquidity { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => Side <= OrderSide.Sell && Liquidity <= Liquidity.Auction;

    /// <summary>The type name only: order fields and balances are never printed.</summary>
    public override string ToString() => nameof(OrderFilled);
}
