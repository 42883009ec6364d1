using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>
/// Asks for one page of the account's live orders (<see cref="Responses.OpenOrdersPage.MaxEntries"/> at most), in one
/// market or in all when nil, starting at <see cref="Cursor"/>. Wire: an array of 2 elements.
/// </summary>
[MessagePackObject]
public readonly record struct OpenOrdersQuery : IRequestBody<OpenOrdersQuery>
{
    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.OpenOrdersQuery;

    /// <inheritdoc/>
    public static int FieldCount => 2;

    /// <summary>Market id, or nil for all markets.</summary>
    [Key(0)]
    public int? Market { get; init; }

    /// <summary>Where the page starts: 0, or the previous page's next cursor.</summary>
    [Key(1)]
    public long Cursor { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => Cursor >= 0;

    /// <summary>The type name only.</summary>
    public override string ToString() => nameof(OpenOrdersQuery);
}
