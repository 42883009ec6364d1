namespace DarkPool.Protocol.Messages;

/// <summary>What happens when an order meets a resting order of the same account (the engine's values).</summary>
public enum SelfTradePrevention : byte
{
    /// <summary>The resting order is cancelled and matching goes on (the default).</summary>
    CancelResting = 0,

    /// <summary>The incoming order's remainder is cancelled.</summary>
    CancelIncoming = 1,

    /// <summary>Both are cancelled.</summary>
    CancelBoth = 2,

    /// <summary>Both are reduced by the smaller size, without a trade.</summary>
    Decrement = 3,
}
