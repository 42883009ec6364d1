using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>Cancels all of the account's live orders in one market, or in every market when nil. Wire: an array of 1 element.</summary>
[MessagePackObject]
public readonly record struct MassCancel : IRequestBody<MassCancel>
{
    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.MassCancel;

    /// <inheritdoc/>
    public static int FieldCount => 1;

    /// <summary>Market id, or nil for all markets.</summary>
    [Key(0)]
    public int? Market { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => true;

    /// <summary>The type name only.</summary>
    public override string ToString() => nameof(MassCancel);
}
