using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>An order left the book, or its unfilled rest never rested; its hold was released. Wire: an array of 4 elements.</summary>
[MessagePackObject]
public readonly record struct OrderCancelled : IResponseBody<OrderCancelled>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.OrderCancelled;

    /// <inheritdoc/>
    public static int FieldCount => 4;

    /// <summary>Market id.</summary>
    [Key(0)]
    public int Market { get; init; }

    /// <summary>The order's client order id.</summary>
    [Key(1)]
    public long ClientOrderId { get; init; }

    /// <summary>Lots released.</summary>
    [Key(2)]
    public long Quantity { get; init; }

    /// <summary>Why.</summary>
    [Key(3)]
    public CancelCode Reason { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => Reason is > CancelCode.None and <= CancelCode.HeartbeatMissed;

    /// <summary>The type name only: order fields and balances are never printed.</summary>
    public override string ToString() => nameof(OrderCancelled);
}
