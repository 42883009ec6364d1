using DarkPool.Protocol.Internal;
using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>
/// A mass quote: several atomic cancel-replaces in one request, executed in order in one enclave step, each exactly as a
/// <see cref="CancelReplace"/> alone (its new order placed only if its cancel succeeded); answered first by
/// <see cref="Responses.BatchCancelReplaced"/> with one result per quote, which stands in for the halves' own
/// acknowledgements to the requesting session (docs/PROTOCOL.md §9b). Travels in a bulk envelope. Wire: an array of 1
/// element, the array of quotes, each a <see cref="CancelReplace"/> of exactly 12 elements.
/// </summary>
[MessagePackObject]
public readonly record struct BatchCancelReplace : IRequestBody<BatchCancelReplace>
{
    /// <summary>The most quotes in one request: 15 worst-case cancel-replaces (65 bytes each) and the frame fit 1,022 bytes; 16 would not.</summary>
    public const int MaxQuotes = 15;

    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.BatchCancelReplace;

    /// <inheritdoc/>
    public static int FieldCount => 1;

    /// <summary>1 to <see cref="MaxQuotes"/> cancel-replaces, executed in this order.</summary>
    [Key(0)]
    public CancelReplace[]? Quotes { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => Quotes is { Length: >= 1 and <= MaxQuotes } quotes && Array.TrueForAll(quotes, q => q.IsWellFormed());

    /// <summary>Reads a body strictly: each quote must be an array of exactly 12 elements.</summary>
    internal static BatchCancelReplace Read(ref MessagePackReader reader, ArraysByLength<CancelReplace>? reuse, out bool ok)
    {
        CancelReplace[]? items = ProtocolSerializer.ReadBatch<CancelReplace, HotBodies.CancelReplaces>(ref reader, MaxQuotes, default, reuse);
        var body = new BatchCancelReplace { Quotes = items };
        ok = items is not null && body.IsWellFormed();
        return ok ? body : default;
    }

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(BatchCancelReplace);
}
