using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>Cancels one live order. Wire: an array of 2 elements.</summary>
[MessagePackObject]
public readonly record struct CancelOrder : IRequestBody<CancelOrder>
{
    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.CancelOrder;

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

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(CancelOrder);
}
