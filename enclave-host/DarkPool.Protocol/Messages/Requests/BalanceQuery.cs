using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>
/// Asks for one page of the account's balances (<see cref="Responses.BalancePage.MaxEntries"/> at most), starting at
/// <see cref="Cursor"/> (0 for the first page, then the page's <c>NextCursor</c>). Wire: an array of 1 element.
/// </summary>
[MessagePackObject]
public readonly record struct BalanceQuery : IRequestBody<BalanceQuery>
{
    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.BalanceQuery;

    /// <inheritdoc/>
    public static int FieldCount => 1;

    /// <summary>Where the page starts: 0, or the previous page's next cursor.</summary>
    [Key(0)]
    public long Cursor { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => Cursor >= 0;

    /// <summary>The type name only.</summary>
    public override string ToString() => nameof(BalanceQuery);
}
