namespace DarkPool.Engine;

/// <summary>How long an order may live.</summary>
public enum TimeInForce : byte
{
    /// <summary>Good till cancelled: the unfilled rest rests on the book.</summary>
    Gtc = 0,

    /// <summary>Immediate or cancel: trades what it can, the rest is cancelled.</summary>
    Ioc = 1,

    /// <summary>Fill or kill: trades its whole quantity at once or nothing at all.</summary>
    Fok = 2,
}
