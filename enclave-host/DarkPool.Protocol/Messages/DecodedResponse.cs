using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Protocol.Messages;

/// <summary>
/// A response or event as the client reads it: the frame (kind, the request id it answers or 0 for an event, the
/// enclave's time) and the one body that <see cref="Kind"/> names.
/// </summary>
public readonly struct DecodedResponse
{
    /// <summary>Which body is set.</summary>
    public ResponseKind Kind { get; init; }

    /// <summary>The client request id this answers, or 0 for an event no request of this session caused directly.</summary>
    public ulong ClientRequestId { get; init; }

    /// <summary>The enclave's time of the command that caused it, Unix milliseconds.</summary>
    public long TimeUnixMs { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.OrderAccepted"/>.</summary>
    public OrderAccepted Accepted { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.RequestRejected"/>.</summary>
    public RequestRejected Rejected { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.OrderFilled"/>.</summary>
    public OrderFilled Filled { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.OrderCancelled"/>.</summary>
    public OrderCancelled Cancelled { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.OrderAmended"/>.</summary>
    public OrderAmended Amended { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.OrderReduced"/>.</summary>
    public OrderReduced Reduced { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.MassCancelled"/>.</summary>
    public MassCancelled MassCancelled { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.WithdrawalAccepted"/>.</summary>
    public WithdrawalAccepted Withdrawal { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.BalancePage"/>.</summary>
    public BalancePage Balances { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.OpenOrdersPage"/>.</summary>
    public OpenOrdersPage OpenOrders { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.HeartbeatAck"/>.</summary>
    public HeartbeatAck HeartbeatAck { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.BalanceChanged"/>.</summary>
    public BalanceChanged BalanceChanged { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.CancelReplaced"/>.</summary>
    public CancelReplaced CancelReplaced { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.BatchPlaced"/>.</summary>
    public BatchPlaced BatchPlaced { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.FillsPage"/>.</summary>
    public FillsPage Fills { get; init; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="ResponseKind.BatchCancelReplaced"/>.</summary>
    public BatchCancelReplaced BatchCancelReplaced { get; init; }

    /// <summary>The kind only: order fields and balances are never printed.</summary>
    public override string ToString() => Kind.ToString();
}
