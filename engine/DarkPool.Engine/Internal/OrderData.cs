namespace DarkPool.Engine.Internal;

/// <summary>
/// Everything the engine knows about a live order. Both books store exactly this, so that matching
/// policy (in <see cref="MatchingEngine"/>) is shared and only the data structures differ.
/// </summary>
internal struct OrderData
{
    public long OrderId;
    /// <summary>Limit price; for a pegged order its cap or floor (0 = none), or for an uncapped buy the mid its hold covers.</summary>
    public long Price;
    public long Remaining;

    /// <summary>Funds still held for this order: quote units for a buy, base units for a sell.</summary>
    public long Hold;

    /// <summary>Engine-wide arrival sequence: time priority, and the order of mass cancels.</summary>
    public long Sequence;
    /// <summary>Minimum lots per fill, except a fill that completes the order; 0 = none.</summary>
    public long MinQuantity;
    public int Account;
    public Side Side;
    public StpMode Stp;
    public OrderFlags Flags;

    public readonly bool IsPegged => (Flags & OrderFlags.Pegged) != 0;

    public readonly bool PostOnly => (Flags & OrderFlags.PostOnly) != 0;
}
