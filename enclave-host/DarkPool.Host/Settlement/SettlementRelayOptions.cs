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

    /// <summary>
    /// The least time between two cuts the relay asks for (zero: none). A batch holds an entry for every account active
    /// since the last one, each encrypted to that account's key, so a busy pool pays per cut for every active account:
    /// the floor keeps that bounded when <see cref="BatchMaxFills"/> would otherwise cut at every pass
    /// (docs/SETTLEMENT.md §8).
    /// </summary>
    public TimeSpan BatchMinInterval { get; init; }

    /// <summary>How often the relay runs a pass; zero runs none (tests call <see cref="SettlementRelay.RunOnceAsync"/>).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The clock for the cut policy (tests give a fake one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
