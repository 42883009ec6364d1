namespace DarkPool.Protocol.Messages;

/// <summary>The first element of every response message: which body follows.</summary>
public enum ResponseKind : byte
{
    /// <summary><see cref="Responses.OrderAccepted"/>.</summary>
    OrderAccepted = 1,

    /// <summary><see cref="Responses.RequestRejected"/>.</summary>
    RequestRejected = 2,

    /// <summary><see cref="Responses.OrderFilled"/>.</summary>
    OrderFilled = 3,

    /// <summary><see cref="Responses.OrderCancelled"/>.</summary>
    OrderCancelled = 4,

    /// <summary><see cref="Responses.OrderAmended"/>.</summary>
    OrderAmended = 5,

    /// <summary><see cref="Responses.OrderReduced"/>.</summary>
    OrderReduced = 6,

    /// <summary><see cref="Responses.MassCancelled"/>.</summary>
    MassCancelled = 7,

    /// <summary><see cref="Responses.WithdrawalAccepted"/>.</summary>
    WithdrawalAccepted = 8,

    /// <summary><see cref="Responses.BalancePage"/>.</summary>
    BalancePage = 9,

    /// <summary><see cref="Responses.OpenOrdersPage"/>.</summary>
    OpenOrdersPage = 10,

    /// <summary><see cref="Responses.HeartbeatAck"/>.</summary>
    HeartbeatAck = 11,

    /// <summary><see cref="Responses.SessionClosed"/>.</summary>
    SessionClosed = 12,

    /// <summary><see cref="Responses.BalanceChanged"/>.</summary>
    BalanceChanged = 13,

    /// <summary><see cref="Responses.CancelReplaced"/>.</summary>
    CancelReplaced = 14,

    /// <summary><see cref="Responses.BatchPlaced"/>.</summary>
    BatchPlaced = 15,

    /// <summary><see cref="Responses.FillsPage"/> (16: 14 and 15 are left to the market-maker messages).</summary>
    FillsPage = 16,

    /// <summary><see cref="Responses.BatchCancelReplaced"/>.</summary>
    BatchCancelReplaced = 17,
}
