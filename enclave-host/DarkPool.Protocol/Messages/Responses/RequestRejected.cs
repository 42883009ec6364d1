using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>A request was refused; it changed nothing but the session's sequence and request-id window. Wire: an array of 3 elements.</summary>
[MessagePackObject]
public readonly record struct RequestRejected : IResponseBody<RequestRejected>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.RequestRejected;

    /// <inheritdoc/>
    public static int FieldCount => 3;

    /// <summary>Why.</summary>
    [Key(0)]
    public RejectCode Reason { get; init; }

    /// <summary>The order's market, or 0 when the request named none.</summary>
    [Key(1)]
    public int Market { get; init; }

    /// <summary>The order's client order id, or 0 when the request named none.</summary>
    [Key(2)]
    public long ClientOrderId { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => Reason != RejectCode.None && Enum.IsDefined(Reason);

    /// <summary>The type name only: order fields and balances are never printed.</summary>
    public override string ToString() => nameof(RequestRejected);
}
