using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>
/// Asks for one page of the account's recent fills (<see cref="Responses.FillsPage.MaxEntries"/> at most), newest
/// first, in one market or in all when nil. <see cref="Cursor"/> is 0 for the newest page, or the previous page's next
/// cursor; a cursor past the account's newest fill is rejected (docs/PROTOCOL.md §6). Wire: an array of 2 elements.
/// </summary>
[MessagePackObject]
public readonly record struct FillsQuery : IRequestBody<FillsQuery>
{
    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.FillsQuery;

    /// <inheritdoc/>
    public static int FieldCount => 2;

    /// <summary>Market id, or nil for all markets.</summary>
    [Key(0)]
    public int? Market { get; init; }

    /// <summary>Where the page starts: 0 for the newest fill, or the previous page's next cursor.</summary>
    [Key(1)]
    public long Cursor { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => Cursor >= 0;

    /// <summary>The type name only.</summary>
    public override string ToString() => nameof(FillsQuery);
}
