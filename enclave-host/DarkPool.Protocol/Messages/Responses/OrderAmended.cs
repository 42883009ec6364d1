using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>An amend took effect. Wire: an array of 4 elements.</summary>
[MessagePackObject]
public readonly record struct OrderAmended : IResponseBody<OrderAmended>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.OrderAmended;

    /// <inheritdoc/>
    public static int FieldCount => 4;

    /// <summary>Market id.</summary>
    [Key(0)]
    public int Market { get; init; }

    /// <summary>The order's client order id.</summary>
    [Key(1)]
    public long ClientOrderId { get; init; }

    /// <summary>The order's price after the amend.</summary>
    [Key(2)]
    public long Price { get; init; }

    /// <summary>The order's remaining lots after the amend.</summary>
    [Key(3)]
    public long Quantity { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => true;

    /// <summary>The type name only: order fields and balances are never printed.</summary>
    public override string ToString() => nameof(OrderAmended);
}
