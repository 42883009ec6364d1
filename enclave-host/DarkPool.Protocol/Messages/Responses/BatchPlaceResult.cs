using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>One order's result in <see cref="BatchPlaced"/>. Wire: an array of 2 elements.</summary>
[MessagePackObject]
public readonly record struct BatchPlaceResult
{
    /// <summary>Elements of a result's array on the wire.</summary>
    public const int FieldCount = 2;

    /// <summary>The order's client order id.</summary>
    [Key(0)]
    public long ClientOrderId { get; init; }

    /// <summary><see cref="RejectCode.None"/> when accepted (fills may follow), otherwise why it was rejected.</summary>
    [Key(1)]
    public RejectCode Reject { get; init; }

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(BatchPlaceResult);
}
