using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>A withdrawal was debited and queued for the next settlement batch. Wire: an array of 2 elements.</summary>
[MessagePackObject]
public readonly record struct WithdrawalAccepted : IResponseBody<WithdrawalAccepted>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.WithdrawalAccepted;

    /// <inheritdoc/>
    public static int FieldCount => 2;

    /// <summary>Asset id.</summary>
    [Key(0)]
    public int Asset { get; init; }

    /// <summary>Amount in asset units.</summary>
    [Key(1)]
    public long Amount { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => true;

    /// <summary>The type name only: order fields and balances are never printed.</summary>
    public override string ToString() => nameof(WithdrawalAccepted);
}
