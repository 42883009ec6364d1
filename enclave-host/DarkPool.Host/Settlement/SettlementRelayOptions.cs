namespace DarkPool.Host.Settlement;

/// <summary>How the host relays between the enclave and the chain (docs/SETTLEMENT.md §8 lists the server options).</summary>
public sealed record SettlementRelayOptions
{
    /// <summary>Confirmations a deposit needs before it is relayed (the enclave checks the same number).</summary>
    public ulong Confirmations { get; init; } = 1;

    /// <summary>A batch is cut as soon as this many fills are pending.</summary>
    public int BatchMaxFills { get; init; } = 1000;

    /// <summary>A batch is cut at least this often while anything is pending.</summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the relay runs a pass; zero runs none (tests call <see cref="SettlementRelay.RunOnceAsync"/>).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The clock for the cut policy (tests give a fake one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
