using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>One live order in an <see cref="OpenOrdersPage"/>. Wire: an array of 6 elements.</summary>
[MessagePackObject]
public readonly record struct OpenOrderEntry
{
    /// <summary>Market id.</summary>
    [Key(0)]
    public int Market { get; init; }

    /// <summary>The order's client order id.</summary>
    [Key(1)]
    public long ClientOrderId { get; init; }

    /// <summary>Buy or sell.</summary>
    [Key(2)]
    public OrderSide Side { get; init; }

    /// <summary>Limit or midpoint (market orders never rest).</summary>
    [Key(3)]
    public OrderKind Type { get; init; }

    /// <summary>Limit price, or a midpoint order's cap or floor, or nil.</summary>
    [Key(4)]
    public long? Price { get; init; }

    /// <summary>Lots left.</summary>
    [Key(5)]
    public long Remaining { get; init; }

    /// <summary>Whether the enums are defined values.</summary>
    public bool IsWellFormed() => Side <= OrderSide.Sell && Type <= OrderKind.Midpoint;

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(OpenOrderEntry);
}
