using System.Globalization;

namespace DarkPool.Benchmarks.Harness;

/// <summary>
/// <c>harness [--commands N] [--rates 1000000,2000000,5000000] [--iterations K] [--latency-runs R] [--seed S] [--no-breakdown] [--books fast|reference|both]</c>.
/// </summary>
public sealed record HarnessOptions
{
    /// <summary>Measured commands of the exchange-core workload.</summary>
    public int Commands { get; init; } = 3_000_000;

    /// <summary>Offered rates (commands per second) of the open-loop latency runs.</summary>
    public IReadOnlyList<long> Rates { get; init; } = [1_000_000, 2_000_000, 5_000_000];

    /// <summary>Full-speed runs per book; the median and the best are reported.</summary>
    public int Iterations { get; init; } = 5;

    /// <summary>Open-loop runs per book and rate; tails on a shared machine vary from run to run, so look at several.</summary>
    public int LatencyRuns { get; init; } = 1;

    /// <summary>Workload seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// The books timed after the verification pass (which always runs both); one book alone is for a profiler
    /// (<c>perf record</c>), and then no ratio is printed. Zero latency runs skip the latency part.
    /// </summary>
    public IReadOnlyList<DarkPool.Engine.BookKind> Books { get; init; } = [DarkPool.Engine.BookKind.Fast, DarkPool.Engine.BookKind.Reference];

    /// <summary>Also time each command type separately (a coarse profile).</summary>
    public bool Breakdown { get; init; } = true;

    public static HarnessOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new HarnessOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : "";
            switch (args[i])
            {
                case "--commands":
                    options = options with { Commands = int.Parse(value, CultureInfo.InvariantCulture) };
                    i++;
                    break;
                case "--rates":
                    options = options with
                    {
                        Rates = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => long.Parse(r, CultureInfo.InvariantCulture))],
                    };
                    i++;
                    break;
                case "--iterations":
                    options = options with { Iterations = int.Parse(value, CultureInfo.InvariantCulture) };
                    i++;
                    break;
                case "--latency-runs":
                    options = options with { LatencyRuns = int.Parse(value, CultureInfo.InvariantCulture) };
                    i++;
                    break;
                case "--seed":
                    options = options with { Seed = ulong.Parse(value, CultureInfo.InvariantCulture) };
                    i++;
                    break;
                case "--books":
                    options = options with
                    {
                        Books = value switch
                        {
                            "fast" => [DarkPool.Engine.BookKind.Fast],
                            "reference" => [DarkPool.Engine.BookKind.Reference],
                            "both" => [DarkPool.Engine.BookKind.Fast, DarkPool.Engine.BookKind.Reference],
                            _ => throw new ArgumentException($"--books is fast, reference or both, not '{value}'.", nameof(args)),
                        },
                    };
                    i++;
                    break;
                case "--no-breakdown":
                    options = options with { Breakdown = false };
                    break;
                default:
                    throw new ArgumentException($"Unknown harness option '{args[i]}'.", nameof(args));
            }
        }

        if (options.Commands <= 0 || options.Iterations <= 0 || options.LatencyRuns < 0 || options.Rates.Any(r => r <= 0))
        {
            throw new ArgumentException("Commands, iterations and rates must be positive, latency runs not negative.", nameof(args));
        }

        return options;
    }
}
