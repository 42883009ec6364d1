using DarkPool.Protocol.Messages.Requests;
using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>
/// The answer to a <see cref="BatchCancelReplace"/>: one result per quote, in the request's order, the request's recorded
/// outcome. The requesting session gets no separate acknowledgement for the halves (this carries them); fills and every
/// other event follow as usual. Wire: an array of 1 element, the array of results.
/// </summary>
[MessagePackObject]
public readonly record struct BatchCancelReplaced : IResponseBody<BatchCancelReplaced>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.BatchCancelReplaced;

    /// <inheritdoc/>
    public static int FieldCount => 1;

    /// <summary>One result per quote of the request, in order.</summary>
    [Key(0)]
    public BatchCancelReplaceResult[]? Results { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() =>
        Results is { Length: >= 1 and <= BatchCancelReplace.MaxQuotes } results && Array.TrueForAll(results, r => r.IsWellFormed());

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(BatchCancelReplaced);
}
