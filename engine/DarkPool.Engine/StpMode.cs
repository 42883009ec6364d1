namespace DarkPool.Engine;

/// <summary>Self-trade prevention: what happens when an incoming order meets a resting order of the same account.</summary>
public enum StpMode : byte
{
    /// <summary>The resting order is cancelled and matching goes on (the default).</summary>
    CancelResting = 0,

    /// <summary>The incoming order's remainder is cancelled and matching stops.</summary>
    CancelIncoming = 1,

    /// <summary>Both are cancelled and matching stops.</summary>
    CancelBoth = 2,

    /// <summary>Both are reduced by the smaller size, without a trade; an order left at zero is cancelled.</summary>
    Decrement = 3,
}
