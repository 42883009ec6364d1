using DarkPool.Protocol.Messages.Requests;
using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>
/// The answer to a <see cref="BatchPlace"/>: one result per order, in the request's order, sealed before the orders' own
/// events (so it is the request's recorded outcome). Wire: an array of 1 element, the array of results.
/// </summary>
[MessagePackObject]
public readonly record struct BatchPlaced : IResponseBody<BatchPlaced>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.BatchPlaced;

    /// <inheritdoc/>
    public static int FieldCount => 1;

    /// <summary>One result per order of the batch, in order.</summary>
    [Key(0)]
    public BatchPlaceResult[]? Results { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() =>
        Results is { Length: >= 1 and <= BatchPlace.MaxOrders } results && Array.TrueForAll(results, r => Enum.IsDefined(r.Reject));

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(BatchPlaced);
}
