namespace DarkPool.Engine;

/// <summary>One aggregated price level of a book query.</summary>
/// <param name="Price">The level's price in quote units per lot.</param>
/// <param name="Quantity">Total remaining lots at the level.</param>
/// <param name="Orders">Number of orders at the level.</param>
public readonly record struct BookLevel(long Price, long Quantity, int Orders);
