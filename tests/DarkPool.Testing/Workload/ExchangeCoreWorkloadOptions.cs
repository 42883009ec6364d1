namespace DarkPool.Testing.Workload;

/// <summary>
/// Shape of an exchange-core style workload. The defaults are exchange-core's published single-symbol
/// test (3M commands, 1,000 accounts, ~1,000 resting orders); the tuning knobs were set so that the
/// measured book and trade rates match its published figures (see docs/PERFORMANCE.md).
/// </summary>
public sealed record ExchangeCoreWorkloadOptions
{
    /// <summary>Measured commands, after the prelude.</summary>
    public int Commands { get; init; } = 3_000_000;

    /// <summary>Trading accounts; ids 1 to this value (0 is the engine's fee account).</summary>
    public int Accounts { get; init; } = 1_000;

    /// <summary>Resting orders the prelude builds and the generator steers towards.</summary>
    public int TargetOrders { get; init; } = 1_000;

    /// <summary>Seed of the generator: one seed, one workload, on every machine.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Share of good-till-cancelled limit places.</summary>
    public double GtcShare { get; init; } = 0.09;

    /// <summary>Share of immediate-or-cancel limit places.</summary>
    public double IocShare { get; init; } = 0.03;

    /// <summary>Share of cancels; the rest of the commands are price moves.</summary>
    public double CancelShare { get; init; } = 0.06;

    /// <summary>
    /// Width in ticks of the distance of a passive price from the mid: a uniform draw below a uniform draw
    /// below this width (dense at the touch, mean width / 4). Sets how many levels the orders spread over.
    /// </summary>
    public int PriceWidth { get; init; } = 1_600;

    /// <summary>Share of GTC places priced through the opposite best, so that they trade on entry.</summary>
    public double AggressiveGtcShare { get; init; } = 0.02;

    /// <summary>Share of moves that move an order through the opposite best, so that it trades.</summary>
    public double CrossingMoveShare { get; init; } = 0.025;

    /// <summary>Price the book starts around and is pulled back towards, in ticks.</summary>
    public long CenterPrice { get; init; } = 100_000;

    /// <summary>Maker fee of the market, in basis points.</summary>
    public int MakerFeeBps { get; init; } = 1;

    /// <summary>Taker fee of the market, in basis points.</summary>
    public int TakerFeeBps { get; init; } = 2;

    /// <summary>Quote units each account is credited with: large enough that risk checks pass.</summary>
    public long QuoteDeposit { get; init; } = 100_000_000_000_000;

    /// <summary>Base units each account is credited with.</summary>
    public long BaseDeposit { get; init; } = 1_000_000_000;

    internal void Validate()
    {
        if (Commands < 0 || Accounts < 2 || TargetOrders < 1 || PriceWidth < 1 || CenterPrice - (4L * PriceWidth) <= 16)
        {
            throw new ArgumentOutOfRangeException(nameof(Commands), "Counts must be positive and the price window must stay positive.");
        }

        if (GtcShare < 0 || IocShare < 0 || CancelShare < 0 || GtcShare + IocShare + CancelShare > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(GtcShare), "Shares must be non-negative and add up to at most 1.");
        }
    }
}
