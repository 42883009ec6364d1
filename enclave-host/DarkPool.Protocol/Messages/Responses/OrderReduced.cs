using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>Self-trade prevention (decrement) reduced an order without a trade. Wire: an array of 4 elements.</summary>
[MessagePackObject]
public readonly record struct OrderReduced : IResponseBody<OrderReduced>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.OrderReduced;

    /// <inheritdoc/>
    public static int FieldCount => 4;

    /// <summary>Market id.</summary>
    [Key(0)]
    public int Market { get; init; }

    /// <summary>The order's client order id.</summary>
    [Key(1)]
    public long ClientOrderId { get; init; }

    /// <summary>Lots removed.</summary>
    [Key(2)]
    public long ReducedBy { get; init; }

    /// <summary>Lots left.</summary>
    [Key(3)]
    public long Remaining { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => true;

    /// <summary>The type name only: order fields and balances are never printed.</summary>
    public override string ToString() => nameof(OrderReduced);
}
