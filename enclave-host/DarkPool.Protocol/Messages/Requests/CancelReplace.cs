using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>
/// Atomic cancel-replace: cancels a resting order and places a new one in the same market, in one enclave step. The new
/// order is placed only when the cancel succeeded, so a market maker whose old quote already traded (or never existed)
/// never ends up with two; answered first by <see cref="Responses.CancelReplaced"/> with a result for each half. Wire: an
/// array of 12 elements, the cancelled order's client order id, then a <see cref="PlaceOrder"/>'s 11 fields flattened.
/// </summary>
[MessagePackObject]
public readonly record struct CancelReplace : IRequestBody<CancelReplace>
{
    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.CancelReplace;

    /// <inheritdoc/>
    public static int FieldCount => 12;

    /// <summary>The client order id of the resting order to cancel (in <see cref="Market"/>).</summary>
    [Key(0)]
    public long CancelClientOrderId { get; init; }

    /// <summary>Market id of both halves.</summary>
    [Key(1)]
    public int Market { get; init; }

    /// <summary>The new order's client order id (may equal the cancelled one: the cancel runs first).</summary>
    [Key(2)]
    public long ClientOrderId { get; init; }

    /// <summary>Buy or sell.</summary>
    [Key(3)]
    public OrderSide Side { get; init; }

    /// <summary>Limit, market or midpoint.</summary>
    [Key(4)]
    public OrderKind Type { get; init; }

    /// <summary>Time in force.</summary>
    [Key(5)]
    public OrderTimeInForce TimeInForce { get; init; }

    /// <summary>As <see cref="PlaceOrder.Price"/>.</summary>
    [Key(6)]
    public long? Price { get; init; }

    /// <summary>Lots.</summary>
    [Key(7)]
    public long Quantity { get; init; }

    /// <summary>As <see cref="PlaceOrder.Budget"/>.</summary>
    [Key(8)]
    public long? Budget { get; init; }

    /// <summary>As <see cref="PlaceOrder.MinQuantity"/>.</summary>
    [Key(9)]
    public long? MinQuantity { get; init; }

    /// <summary>Limit orders: must not take liquidity.</summary>
    [Key(10)]
    public bool PostOnly { get; init; }

    /// <summary>Self-trade prevention mode.</summary>
    [Key(11)]
    public SelfTradePrevention Stp { get; init; }

    /// <summary>The new order as a <see cref="PlaceOrder"/>.</summary>
    [IgnoreMember]
    public PlaceOrder NewOrder => new()
    {
        Market = Market, ClientOrderId = ClientOrderId, Side = Side, Type = Type, TimeInForce = TimeInForce, Price = Price,
        Quantity = Quantity, Budget = Budget, MinQuantity = MinQuantity, PostOnly = PostOnly, Stp = Stp,
    };

    /// <summary>Cancels <paramref name="cancelClientOrderId"/> and places <paramref name="order"/> in its market.</summary>
    public static CancelReplace Of(long cancelClientOrderId, in PlaceOrder order) => new()
    {
        CancelClientOrderId = cancelClientOrderId, Market = order.Market, ClientOrderId = order.ClientOrderId, Side = order.Side,
        Type = order.Type, TimeInForce = order.TimeInForce, Price = order.Price, Quantity = order.Quantity, Budget = order.Budget,
        MinQuantity = order.MinQuantity, PostOnly = order.PostOnly, Stp = order.Stp,
    };

    /// <inheritdoc/>
    public bool IsWellFormed() => PlaceOrder.AreDefined(Side, Type, TimeInForce, Stp); // NewOrder's rule, without building it

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(CancelReplace);
}
