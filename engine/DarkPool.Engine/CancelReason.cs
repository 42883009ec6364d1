namespace DarkPool.Engine;

/// <summary>Why an order was cancelled or reduced.</summary>
public enum CancelReason : byte
{
    /// <summary>Not a cancellation.</summary>
    None = 0,

    /// <summary>The owner cancelled it.</summary>
    User,

    /// <summary>The unfilled rest of an IOC, FOK or market order (in an auction market: of an IOC order after the uncross).</summary>
    Unfilled,

    /// <summary>Self-trade prevention.</summary>
    Stp,

    /// <summary>A mass cancel.</summary>
    Mass,
}
