using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>A mass cancel finished; each order it cancelled also gets an <see cref="OrderCancelled"/>. Wire: an array of 2 elements.</summary>
[MessagePackObject]
public readonly record struct MassCancelled : IResponseBody<MassCancelled>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.MassCancelled;

    /// <inheritdoc/>
    public static int FieldCount => 2;

    /// <summary>The market, or nil for all markets.</summary>
    [Key(0)]
    public int? Market { get; init; }

    /// <summary>How many orders were cancelled (zero is a valid answer).</summary>
    [Key(1)]
    public long Count { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => Count >= 0;

    /// <summary>The type name only: order fields and balances are never printed.</summary>
    public override string ToString() => nameof(MassCancelled);
}
