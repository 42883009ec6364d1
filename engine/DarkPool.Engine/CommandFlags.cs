namespace DarkPool.Engine;

/// <summary>Optional parts of a <see cref="Command"/>; a field is read only when its flag is set.</summary>
[Flags]
public enum CommandFlags : byte
{
    /// <summary>No optional field.</summary>
    None = 0,

    /// <summary>The order must not take liquidity.</summary>
    PostOnly = 1,

    /// <summary>Amend: <see cref="Command.Price"/> carries a new price; midpoint place: it carries the cap (buy) or floor (sell).</summary>
    HasPrice = 2,

    /// <summary>Amend: <see cref="Command.Quantity"/> carries a new remaining quantity.</summary>
    HasQuantity = 4,

    /// <summary><see cref="Command.Budget"/> is set.</summary>
    HasBudget = 8,

    /// <summary><see cref="Command.MinQuantity"/> is set.</summary>
    HasMinQuantity = 16,

    /// <summary>Mass cancel: restricted to <see cref="Command.Market"/>.</summary>
    HasMarket = 32,
}
