using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>
/// Places a limit, market or midpoint order. Prices are quote units per lot, quantities lots, budgets quote units, as
/// the engine counts them (docs/ENGINE.md). Wire: an array of 11 elements in key order.
/// </summary>
[MessagePackObject]
public readonly record struct PlaceOrder : IRequestBody<PlaceOrder>
{
    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.PlaceOrder;

    /// <inheritdoc/>
    public static int FieldCount => 11;

    /// <summary>Market id.</summary>
    [Key(0)]
    public int Market { get; init; }

    /// <summary>Client order id: unique among the account's live orders; cancels and amends name it.</summary>
    [Key(1)]
    public long ClientOrderId { get; init; }

    /// <summary>Buy or sell.</summary>
    [Key(2)]
    public OrderSide Side { get; init; }

    /// <summary>Limit, market or midpoint.</summary>
    [Key(3)]
    public OrderKind Type { get; init; }

    /// <summary>Time in force.</summary>
    [Key(4)]
    public OrderTimeInForce TimeInForce { get; init; }

    /// <summary>Limit: the limit price (required). Midpoint: the cap (buy) or floor (sell), or nil. Market: nil.</summary>
    [Key(5)]
    public long? Price { get; init; }

    /// <summary>Lots.</summary>
    [Key(6)]
    public long Quantity { get; init; }

    /// <summary>Market orders only: quote units to spend at most (buy) or to receive at least (sell FOK); nil for none.</summary>
    [Key(7)]
    public long? Budget { get; init; }

    /// <summary>Minimum acceptable fill quantity, or nil for none.</summary>
    [Key(8)]
    public long? MinQuantity { get; init; }

    /// <summary>Limit orders: must not take liquidity.</summary>
    [Key(9)]
    public bool PostOnly { get; init; }

    /// <summary>Self-trade prevention mode.</summary>
    [Key(10)]
    public SelfTradePrevention Stp { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => AreDefined(Side, Type, TimeInForce, Stp);

    /// <summary>Whether an order's enums are all defined: the well-formedness of a place order and of a cancel-replace's new order.</summary>
    internal static bool AreDefined(OrderSide side, OrderKind type, OrderTimeInForce timeInForce, SelfTradePrevention stp) =>
        side <= OrderSide.Sell && type <= OrderKind.Midpoint && timeInForce <= OrderTimeInForce.Fok && stp <= SelfTradePrevention.Decrement;

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(PlaceOrder);
}
