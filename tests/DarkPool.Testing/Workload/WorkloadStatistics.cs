namespace DarkPool.Testing.Workload;

/// <summary>What the generator's own model of the book saw over the measured commands.</summary>
public sealed record WorkloadStatistics
{
    /// <summary>Measured commands.</summary>
    public int Commands { get; init; }

    /// <summary>Good-till-cancelled places.</summary>
    public int GtcPlaces { get; init; }

    /// <summary>Immediate-or-cancel places.</summary>
    public int IocPlaces { get; init; }

    /// <summary>Cancels.</summary>
    public int Cancels { get; init; }

    /// <summary>Price moves.</summary>
    public int Moves { get; init; }

    /// <summary>Commands that produced at least one trade.</summary>
    public int TradingCommands { get; init; }

    /// <summary>Trades (fills) in all.</summary>
    public long Trades { get; init; }

    /// <summary>Resting orders after each command, averaged.</summary>
    public double AverageRestingOrders { get; init; }

    /// <summary>Non-empty price levels after each command, averaged.</summary>
    public double AverageLevels { get; init; }

    /// <summary>Fewest resting orders after any command.</summary>
    public int MinRestingOrders { get; init; }

    /// <summary>Most resting orders after any command.</summary>
    public int MaxRestingOrders { get; init; }

    /// <summary>Lowest and highest order price written.</summary>
    public (long Low, long High) PriceRange { get; init; }

    /// <summary>Resting orders after the last command.</summary>
    public int FinalRestingOrders { get; init; }

    /// <summary>Share of commands that traded.</summary>
    public double TradingShare => Commands == 0 ? 0 : (double)TradingCommands / Commands;
}
