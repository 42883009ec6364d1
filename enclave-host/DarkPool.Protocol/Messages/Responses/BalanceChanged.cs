using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>An unsolicited balance change not caused by this session's orders (a deposit credited, a withdrawal paid). Wire: an array of 3 elements.</summary>
[MessagePackObject]
public readonly record struct BalanceChanged : IResponseBody<BalanceChanged>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.BalanceChanged;

    /// <inheritdoc/>
    public static int FieldCount => 3;

    /// <summary>Asset id.</summary>
    [Key(0)]
    public int Asset { get; init; }

    /// <summary>Units available.</summary>
    [Key(1)]
    public long Available { get; init; }

    /// <summary>Units held by live orders.</summary>
    [Key(2)]
    public long Held { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => true;

    /// <summary>The type name only: order fields and balances are never printed.</summary>
    public override string ToString() => nameof(BalanceChanged);
}
