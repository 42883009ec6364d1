using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>
/// The answer to a <see cref="Requests.CancelReplace"/>, one result per half, sealed before the halves' own events
/// (<see cref="OrderCancelled"/>, then <see cref="OrderAccepted"/> or <see cref="RequestRejected"/> and any fills), so
/// it is the request's recorded outcome. Wire: an array of 7 elements in key order.
/// </summary>
[MessagePackObject]
public readonly record struct CancelReplaced : IResponseBody<CancelReplaced>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.CancelReplaced;

    /// <inheritdoc/>
    public static int FieldCount => 7;

    /// <summary>Market id.</summary>
    [Key(0)]
    public int Market { get; init; }

    /// <summary>The order the cancel half named.</summary>
    [Key(1)]
    public long CancelledClientOrderId { get; init; }

    /// <summary><see cref="RejectCode.None"/> when the old order was cancelled; otherwise why not (typically unknown order).</summary>
    [Key(2)]
    public RejectCode CancelReject { get; init; }

    /// <summary>Lots the cancel released (the old order's remaining quantity); 0 when the cancel failed.</summary>
    [Key(3)]
    public long CancelledQuantity { get; init; }

    /// <summary>The new order's client order id.</summary>
    [Key(4)]
    public long ClientOrderId { get; init; }

    /// <summary>Accepted, rejected, or not attempted because the cancel half failed.</summary>
    [Key(5)]
    public PlaceStatus PlaceStatus { get; init; }

    /// <summary>Why the new order was rejected; <see cref="RejectCode.None"/> unless <see cref="PlaceStatus"/> is Rejected.</summary>
    [Key(6)]
    public RejectCode PlaceReject { get; init; }

    /// <summary>The two halves' outcome, as one quote's result in a <see cref="BatchCancelReplaced"/>.</summary>
    [IgnoreMember]
    public BatchCancelReplaceResult Halves => new()
    {
        CancelReject = CancelReject, CancelledQuantity = CancelledQuantity, PlaceStatus = PlaceStatus, PlaceReject = PlaceReject,
    };

    /// <summary>True when the old order is gone and the new one accepted.</summary>
    [IgnoreMember]
    public bool Replaced => Halves.Replaced;

    /// <inheritdoc/>
    public bool IsWellFormed() => Halves.IsWellFormed();

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(CancelReplaced);
}
