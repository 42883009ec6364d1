namespace DarkPool.Engine;

/// <summary>The kind of an <see cref="EngineEvent"/>.</summary>
public enum EventType : byte
{
    /// <summary>An order passed validation and risk; always the first event of an accepted order.</summary>
    Accepted = 1,

    /// <summary>A command was refused; it changed nothing.</summary>
    Rejected,

    /// <summary>Two orders traded at the resting order's price.</summary>
    Trade,

    /// <summary>An order left the book (or never rested); its hold was released.</summary>
    Cancelled,

    /// <summary>An order's price or remaining quantity changed by an amend.</summary>
    Amended,

    /// <summary>An order's remaining quantity was reduced without a trade (self-trade decrement).</summary>
    Reduced,

    /// <summary>A market was created.</summary>
    MarketCreated,

    /// <summary>An account was credited.</summary>
    Deposited,

    /// <summary>An account was debited.</summary>
    Withdrawn,

    /// <summary>Answer to a balance query.</summary>
    Balance,

    /// <summary>A mass cancel finished: <see cref="EngineEvent.Quantity"/> orders were cancelled (zero is a valid answer).</summary>
    MassCancelled,

    /// <summary>A market's reference bid and ask were set; <see cref="EngineEvent.Price"/> is the usable mid, or 0.</summary>
    ReferenceUpdated,

    /// <summary>A batch auction ran: <see cref="EngineEvent.Price"/> is the clearing price (0 if nothing crossed), <see cref="EngineEvent.Quantity"/> the lots executed.</summary>
    Uncrossed,
}
