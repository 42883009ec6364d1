namespace DarkPool.Cli.Demo;

/// <summary>What the demo did, for its summary table and <c>--format json</c>.</summary>
internal sealed record DemoSummary(
    bool Ok,
    string Server,
    string Measurement,
    bool Simulated,
    int MarketMakers,
    int Traders,
    int OrdersSealed,
    int OrdersAccepted,
    int OrdersRejected,
    int Fills,
    long VolumeLots,
    int MakerFillsStreamed,
    bool AssetsConserved,
    IReadOnlyList<BalanceMove> Balances,
    long ElapsedMs);
