namespace DarkPool.Engine;

/// <summary>One live order as its owner may see it (open-orders query).</summary>
/// <param name="Market">Market id.</param>
/// <param name="OrderId">Client order id.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Pegged">True for a midpoint peg.</param>
/// <param name="Price">Limit price; for a peg its cap or floor, 0 for none (an uncapped buy shows the mid its hold covers).</param>
/// <param name="Remaining">Lots left.</param>
/// <param name="MinQuantity">Minimum lots per fill, 0 for none.</param>
/// <param name="Hold">Funds the order holds (quote units for a buy, base units for a sell).</param>
public readonly record struct OpenOrder(int Market, long OrderId, Side Side, bool Pegged, long Price, long Remaining, long MinQuantity, long Hold);
