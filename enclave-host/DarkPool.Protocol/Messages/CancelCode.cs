namespace DarkPool.Protocol.Messages;

/// <summary>Why an order left the book. Values 1 to 4 are the engine's cancel reasons.</summary>
public enum CancelCode : byte
{
    /// <summary>Not a cancellation.</summary>
    None = 0,

    /// <summary>The owner cancelled it.</summary>
    User = 1,

    /// <summary>The unfilled rest of an IOC, FOK or market order.</summary>
    Unfilled = 2,

    /// <summary>Self-trade prevention.</summary>
    SelfTrade = 3,

    /// <summary>A mass cancel.</summary>
    MassCancel = 4,

    /// <summary>The session closed or dropped with cancel-on-disconnect set.</summary>
    Disconnect = 5,

    /// <summary>The session's heartbeat stopped (dead-man's switch).</summary>
    HeartbeatMissed = 6,
}
