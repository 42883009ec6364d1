using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>
/// One page of the account's recent fills, newest first, sized so that the worst case fits a standard envelope.
/// Wire: an array of 2 elements.
/// </summary>
[MessagePackObject]
public readonly record struct FillsPage : IResponseBody<FillsPage>
{
    /// <summary>The most entries one page carries (four worst-case entries and the frame fill 243 of 254 bytes).</summary>
    public const int MaxEntries = 4;

    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.FillsPage;

    /// <inheritdoc/>
    public static int FieldCount => 2;

    /// <summary>Up to <see cref="MaxEntries"/> fills, newest first.</summary>
    [Key(0)]
    public FillEntry[]? Entries { get; init; }

    /// <summary>The cursor of the next (older) page, or 0 when no older fill is retained.</summary>
    [Key(1)]
    public long NextCursor { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => Entries is { Length: <= MaxEntries } && NextCursor >= 0 && Array.TrueForAll(Entries, e => e.IsWellFormed());

    /// <summary>The type name only: fills are never printed.</summary>
    public override string ToString() => nameof(FillsPage);
}
