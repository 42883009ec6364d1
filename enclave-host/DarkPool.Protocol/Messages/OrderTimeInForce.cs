namespace DarkPool.Protocol.Messages;

/// <summary>How long an order may live (the engine's values).</summary>
public enum OrderTimeInForce : byte
{
    /// <summary>Good till cancelled.</summary>
    Gtc = 0,

    /// <summary>Immediate or cancel.</summary>
    Ioc = 1,

    /// <summary>Fill or kill.</summary>
    Fok = 2,
}
