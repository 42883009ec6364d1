namespace DarkPool.Engine.Internal;

/// <summary>When a pegged order may trade: the one rule matching, the fill-or-kill probe and auctions share.</summary>
internal static class PegRules
{
    /// <summary>
    /// A pegged buy trades while the mid is at or below its price (its cap, or the mid its hold covers);
    /// a pegged sell while the mid is at or above its floor (0 = none).
    /// </summary>
    public static bool Eligible(in OrderData order, long mid) =>
        order.Side == Side.Buy ? mid <= order.Price : order.Price == 0 || mid >= order.Price;
}
