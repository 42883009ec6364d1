using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>
/// One page of live orders, sized so that the worst case fits a standard envelope. Wire: an array of 2 elements.
/// </summary>
[MessagePackObject]
public readonly record struct OpenOrdersPage : IResponseBody<OpenOrdersPage>
{
    /// <summary>The most entries one page carries.</summary>
    public const int MaxEntries = 6;

    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.OpenOrdersPage;

    /// <inheritdoc/>
    public static int FieldCount => 2;

    /// <summary>Up to <see cref="MaxEntries"/> orders.</summary>
    [Key(0)]
    public OpenOrderEntry[]? Entries { get; init; }

    /// <summary>The cursor of the next page, or 0 when this is the last.</summary>
    [Key(1)]
    public long NextCursor { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => Entries is { Length: <= MaxEntries } && NextCursor >= 0 && Array.TrueForAll(Entries, e => e.IsWellFormed());

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(OpenOrdersPage);
}
