using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>
/// One page of balances. The page size is fixed so that the worst case fits a standard envelope: a query answer has
/// the same length as any other message. Wire: an array of 2 elements.
/// </summary>
[MessagePackObject]
public readonly record struct BalancePage : IResponseBody<BalancePage>
{
    /// <summary>The most entries one page carries.</summary>
    public const int MaxEntries = 8;

    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.BalancePage;

    /// <inheritdoc/>
    public static int FieldCount => 2;

    /// <summary>Up to <see cref="MaxEntries"/> balances.</summary>
    [Key(0)]
    public BalanceEntry[]? Entries { get; init; }

    /// <summary>The cursor of the next page, or 0 when this is the last.</summary>
    [Key(1)]
    public long NextCursor { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => Entries is { Length: <= MaxEntries } && NextCursor >= 0;

    /// <summary>The type name only: balances are never printed.</summary>
    public override string ToString() => nameof(BalancePage);
}
