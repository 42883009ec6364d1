namespace DarkPool.Engine;

/// <summary>Fixed limits and choices of one engine instance; set at construction, never changed.</summary>
public sealed class EngineOptions
{
    /// <summary>Account ids are dense: valid ids are 0 to this value minus one.</summary>
    public int MaxAccounts { get; init; } = 1 << 20;

    /// <summary>Asset ids are dense: valid ids are 0 to this value minus one.</summary>
    public int MaxAssets { get; init; } = 64;

    /// <summary>Market ids are dense: valid ids are 0 to this value minus one.</summary>
    public int MaxMarkets { get; init; } = 1024;

    /// <summary>The account credited with every fee.</summary>
    public int FeeAccount { get; init; }

    /// <summary>Which order book implementation each market uses.</summary>
    public BookKind Book { get; init; } = BookKind.Fast;

    /// <summary>Orders a fast book pre-allocates room for, so that steady state does not grow arrays.</summary>
    public int ExpectedOrdersPerMarket { get; init; } = 4096;

    /// <summary>Accounts the ledger pre-allocates room for.</summary>
    public int ExpectedAccounts { get; init; } = 1024;

    /// <summary>
    /// When the first auction market is created, run one uncross of a small scratch book so that the code is
    /// compiled then and not inside the first real uncross. Off only to measure a cold start.
    /// </summary>
    public bool WarmUpAuctions { get; init; } = true;

    internal void Validate()
    {
        if (MaxAccounts <= 0 || MaxAssets <= 0 || MaxMarkets <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAccounts), "Limits must be positive.");
        }

        if ((long)MaxAccounts * MaxAssets > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAccounts), "MaxAccounts x MaxAssets must fit one array.");
        }

        if ((uint)FeeAccount >= (uint)MaxAccounts)
        {
            throw new ArgumentOutOfRangeException(nameof(FeeAccount), "The fee account must be a valid account id.");
        }

        if (ExpectedOrdersPerMarket <= 0 || ExpectedAccounts <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpectedOrdersPerMarket), "Capacities must be positive.");
        }
    }
}
