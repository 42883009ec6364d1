using DarkPool.Engine;
using DarkPool.Testing.Workload;

namespace DarkPool.Testing;

/// <summary>
/// exchange-core's published single-symbol workload, regenerated deterministically: one market, 1,000
/// pre-funded accounts, about 1,000 resting orders over about 750 price levels, and a stream of 9% GTC
/// places, 3% IOC places, 6% cancels and 82% price moves, about 5% of which trade (exchange-core says
/// ~6%; docs/PERFORMANCE.md explains the gap). The prelude (market, deposits, initial book) is kept apart
/// from the measured commands so that a benchmark can apply it untimed. Ledger and risk checks run on
/// every order; deposits are large enough that they pass, and no command is rejected.
/// </summary>
public sealed class ExchangeCoreWorkload
{
    /// <summary>The workload's only market.</summary>
    public const int MarketId = 0;

    /// <summary>The market's base asset.</summary>
    public const int BaseAsset = 0;

    /// <summary>The market's quote asset.</summary>
    public const int QuoteAsset = 1;

    internal ExchangeCoreWorkload(ExchangeCoreWorkloadOptions options, Command[] prelude, Command[] commands, WorkloadStatistics statistics)
    {
        Options = options;
        Prelude = prelude;
        Commands = commands;
        Statistics = statistics;
    }

    /// <summary>The options it was generated with.</summary>
    public ExchangeCoreWorkloadOptions Options { get; }

    /// <summary>Market creation, deposits and the initial fill of the book: apply before measuring.</summary>
    public Command[] Prelude { get; }

    /// <summary>The measured commands.</summary>
    public Command[] Commands { get; }

    /// <summary>What the generator's model of the book saw; the engine must agree (the tests check).</summary>
    public WorkloadStatistics Statistics { get; }

    /// <summary>Generates the workload; the same options give the same commands.</summary>
    public static ExchangeCoreWorkload Generate(ExchangeCoreWorkloadOptions? options = null) =>
        new WorkloadGenerator(options ?? new ExchangeCoreWorkloadOptions()).Run();

    /// <summary>Engine options sized for this workload, with the chosen book.</summary>
    public EngineOptions CreateEngineOptions(BookKind book) => new()
    {
        Book = book,
        ExpectedAccounts = Options.Accounts + 1,
        ExpectedOrdersPerMarket = Math.Max(4096, 4 * Options.TargetOrders),
    };

    /// <summary>A new engine with the prelude applied.</summary>
    public MatchingEngine CreateEngine(BookKind book, IEventSink sink)
    {
        var engine = new MatchingEngine(CreateEngineOptions(book), sink);
        foreach (ref readonly Command c in Prelude.AsSpan())
        {
            engine.Execute(c);
        }

        return engine;
    }
}
