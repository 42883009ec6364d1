using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>An order passed validation and risk and was placed (it may also have traded or rested). Wire: an array of 2 elements.</summary>
[MessagePackObject]
public readonly record struct OrderAccepted : IResponseBody<OrderAccepted>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.OrderAccepted;

    /// <inheritdoc/>
    public static int FieldCount => 2;

    /// <summary>Market id.</summary>
    [Key(0)]
    public int Market { get; init; }

    /// <summary>The order's client order id.</summary>
    [Key(1)]
    public long ClientOrderId { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => true;

    /// <summary>The type name only: order fields and balances are never printed.</summary>
    public override string ToString() => nameof(OrderAccepted);
}
