using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>
/// Debits the dark wallet and queues a public withdrawal to the account's own address in the next settlement batch.
/// Wire: an array of 2 elements.
/// </summary>
[MessagePackObject]
public readonly record struct WithdrawRequest : IRequestBody<WithdrawRequest>
{
    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.Withdraw;

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

    /// <summary>The type name only: amounts are never printed.</summary>
    public override string ToString() => nameof(WithdrawRequest);
}
