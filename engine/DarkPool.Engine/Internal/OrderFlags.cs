namespace DarkPool.Engine.Internal;

/// <summary>Per-order options packed in one byte, so that <see cref="OrderData"/> keeps its size.</summary>
[Flags]
internal enum OrderFlags : byte
{
    None = 0,

    /// <summary>Never takes liquidity (limit GTC only).</summary>
    PostOnly = 1,

    /// <summary>Pegged to the reference mid; rests in its side's peg queue, not at a price level.</summary>
    Pegged = 2,

    /// <summary>A pegged order whose price is a limit the client chose (cap or floor); without it, a buy's price is the mid its hold covers.</summary>
    Capped = 4,

    /// <summary>Waits only for the next batch auction; its remainder is cancelled after the uncross.</summary>
    Ioc = 8,
}
