namespace DarkPool.Protocol.Messages;

/// <summary>What became of the place half of a cancel-replace.</summary>
public enum PlaceStatus : byte
{
    /// <summary>The new order was accepted (it may have traded at once; its fills follow).</summary>
    Accepted = 0,

    /// <summary>The new order was rejected; the reason says why. The cancel half stands.</summary>
    Rejected = 1,

    /// <summary>The cancel half failed (the old order was filled, cancelled or never existed), so nothing was placed.</summary>
    NotAttempted = 2,
}
