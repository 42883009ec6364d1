using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>
/// Changes a live order's price and/or remaining quantity; nil leaves a field as it is. Reducing size keeps queue
/// priority, a new price or a larger size loses it. Wire: an array of 4 elements.
/// </summary>
[MessagePackObject]
public readonly record struct AmendOrder : IRequestBody<AmendOrder>
{
    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.AmendOrder;

    /// <inheritdoc/>
    public static int FieldCount => 4;

    /// <summary>Market id.</summary>
    [Key(0)]
    public int Market { get; init; }

    /// <summary>The order's client order id.</summary>
    [Key(1)]
    public long ClientOrderId { get; init; }

    /// <summary>The new price, or nil.</summary>
    [Key(2)]
    public long? NewPrice { get; init; }

    /// <summary>The new remaining quantity in lots, or nil.</summary>
    [Key(3)]
    public long? NewQuantity { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => NewPrice.HasValue || NewQuantity.HasValue;

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(AmendOrder);
}
