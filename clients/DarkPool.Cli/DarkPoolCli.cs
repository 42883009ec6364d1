using System.CommandLine;
using DarkPool.Cli.Commands;
using DarkPool.CommandLine;

namespace DarkPool.Cli;

/// <summary>
/// The <c>darkpool</c> command line for traders (docs/CLI.md): attest, keys, deposit, withdraw, order, cancel, amend,
/// orders, balances, fills, watch and demo, each with <c>--format json</c>. Exit codes: <see cref="ExitSuccess"/>,
/// <see cref="ExitFailure"/> (a rejected order, an unreachable server, a failed attestation), <see cref="ExitUsage"/>.
/// </summary>
public static class DarkPoolCli
{
    /// <summary>Everything succeeded.</summary>
    public const int ExitSuccess = ExitCodes.Success;

    /// <summary>A request was rejected, the server could not be reached, attestation failed, or a file is bad.</summary>
    public const int ExitFailure = ExitCodes.Failure;

    /// <summary>The command line is wrong.</summary>
    public const int ExitUsage = ExitCodes.Usage;

    // Enum values in snake_case ("buy", "order_filled") and null fields left out: the JSON traders' scripts already read.
    private static readonly ToolSettings Settings = new()
    {
        Name = "darkpool",
        Description = "darkpool: trade on a DarkPool dark pool from the command line. Every command verifies the enclave's attestation "
            + "before sending anything. Exit codes: 0 success, 1 failure (rejected, unreachable, attestation), 2 usage error. "
            + "See docs/CLI.md.",
        UsageHint = "Run 'darkpool --help' (or 'darkpool <command> --help') for usage.",
        JsonEnumNaming = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        JsonOmitsNulls = true,
    };

    /// <summary>Runs the tool on <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        CommandLineTool.RunAsync(Settings, args, stdout, stderr, Build, cancellationToken);

    private static void Build(CommandLineTool tool)
    {
        var context = new CliContext(tool);
        foreach (Option option in context.GlobalOptions)
        {
            tool.Root.Options.Add(option);
        }

        tool.AddCommands<ICliCommand>(c => c.Build(context));
    }
}
