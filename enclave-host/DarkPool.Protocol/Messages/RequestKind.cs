namespace DarkPool.Protocol.Messages;

/// <summary>The first element of every request message: which body follows.</summary>
public enum RequestKind : byte
{
    /// <summary><see cref="Requests.PlaceOrder"/>.</summary>
    PlaceOrder = 1,

    /// <summary><see cref="Requests.CancelOrder"/>.</summary>
    CancelOrder = 2,

    /// <summary><see cref="Requests.AmendOrder"/>.</summary>
    AmendOrder = 3,

    /// <summary><see cref="Requests.MassCancel"/>.</summary>
    MassCancel = 4,

    /// <summary><see cref="Requests.WithdrawRequest"/>.</summary>
    Withdraw = 5,

    /// <summary><see cref="Requests.BalanceQuery"/>.</summary>
    BalanceQuery = 6,

    /// <summary><see cref="Requests.OpenOrdersQuery"/>.</summary>
    OpenOrdersQuery = 7,

    /// <summary><see cref="Requests.Heartbeat"/>.</summary>
    Heartbeat = 8,

    /// <summary><see cref="Requests.CloseSession"/>.</summary>
    CloseSession = 9,

    /// <summary><see cref="Requests.CancelReplace"/>.</summary>
    CancelReplace = 10,

    /// <summary><see cref="Requests.BatchPlace"/> (bulk envelope).</summary>
    BatchPlace = 11,

    /// <summary><see cref="Requests.FillsQuery"/>.</summary>
    FillsQuery = 12,

    /// <summary><see cref="Requests.BatchCancelReplace"/> (a mass quote; bulk envelope).</summary>
    BatchCancelReplace = 13,
}
