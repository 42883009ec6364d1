using DarkPool.Protocol.Messages.Requests;

namespace DarkPool.Protocol.Messages;

/// <summary>
/// A request as the enclave reads it: the frame (kind, client request id, expiry) and the one body that
/// <see cref="Kind"/> names; the other bodies are default. A struct, so decoding allocates nothing.
/// </summary>
public readonly struct DecodedRequest
{
    /// <summary>Which body is set.</summary>
    public RequestKind Kind { get; init; }

    /// <summary>The client's id for this request, at least 1; resubmitting it returns the original outcome.</summary>
    public ulong ClientRequestId { get; init; }

    /// <summary>The request is refused after this time, Unix milliseconds.</summary>
    public long ExpiresAtUnixMs { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="RequestKind.PlaceOrder"/>.</summary>
    public PlaceOrder Place { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="RequestKind.CancelOrder"/>.</summary>
    public CancelOrder Cancel { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="RequestKind.AmendOrder"/>.</summary>
    public AmendOrder Amend { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="RequestKind.MassCancel"/>.</summary>
    public MassCancel MassCancel { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="RequestKind.Withdraw"/>.</summary>
    public WithdrawRequest Withdraw { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="RequestKind.BalanceQuery"/>.</summary>
    public BalanceQuery BalanceQuery { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="RequestKind.OpenOrdersQuery"/>.</summary>
    public OpenOrdersQuery OpenOrdersQuery { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="RequestKind.Heartbeat"/>.</summary>
    public Heartbeat Heartbeat { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="RequestKind.CancelReplace"/>.</summary>
    public CancelReplace CancelReplace { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="RequestKind.BatchPlace"/>.</summary>
    public BatchPlace BatchPlace { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="RequestKind.FillsQuery"/>.</summary>
    public FillsQuery FillsQuery { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="RequestKind.BatchCancelReplace"/>.</summary>
    public BatchCancelReplace BatchCancelReplace { get; init; }

    /// <summary>The kind only: order fields are never printed.</summary>
    public override string ToString() => Kind.ToString();
}
