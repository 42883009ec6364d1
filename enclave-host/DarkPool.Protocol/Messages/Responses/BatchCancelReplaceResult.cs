using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>
/// One quote's result in <see cref="BatchCancelReplaced"/>, the same halves as <see cref="CancelReplaced"/> without the ids
/// (results are in the request's order, which names them). Wire: an array of 4 elements.
/// </summary>
[MessagePackObject]
public readonly record struct BatchCancelReplaceResult
{
    /// <summary>Elements of a result's array on the wire.</summary>
    public const int FieldCount = 4;

    /// <summary><see cref="RejectCode.None"/> when the old order was cancelled; otherwise why not (typically unknown order).</summary>
    [Key(0)]
    public RejectCode CancelReject { get; init; }

    /// <summary>Lots the cancel released; 0 when the cancel failed.</summary>
    [Key(1)]
    public long CancelledQuantity { get; init; }

    /// <summary>Accepted, rejected, or not attempted because the cancel half failed.</summary>
    [Key(2)]
    public PlaceStatus PlaceStatus { get; init; }

    /// <summary>Why the new order was rejected; <see cref="RejectCode.None"/> unless <see cref="PlaceStatus"/> is Rejected.</summary>
    [Key(3)]
    public RejectCode PlaceReject { get; init; }

    /// <summary>True when the old order is gone and the new one accepted.</summary>
    [IgnoreMember]
    public bool Replaced => CancelReject == RejectCode.None && PlaceStatus == PlaceStatus.Accepted;

    /// <summary>
    /// Consistent halves: defined codes, a quantity of 0 or more, a place reject exactly when rejected, and a place
    /// attempted exactly when the cancel succeeded (also <see cref="CancelReplaced.IsWellFormed"/>'s rules).
    /// </summary>
    public bool IsWellFormed() =>
        Enum.IsDefined(CancelReject) && Enum.IsDefined(PlaceReject) && PlaceStatus <= PlaceStatus.NotAttempted && CancelledQuantity >= 0
        && (PlaceStatus == PlaceStatus.Rejected) == (PlaceReject != RejectCode.None)
        && (CancelReject == RejectCode.None) == (PlaceStatus != PlaceStatus.NotAttempted);

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(BatchCancelReplaceResult);
}
