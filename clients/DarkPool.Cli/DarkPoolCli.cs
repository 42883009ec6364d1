using System.CommandLine;
using System.CommandLine.Help;
using DarkPool.Cli.Commands;

namespace DarkPool.Cli;

/// <summary>
/// The <c>darkpool</c> command line for traders (docs/CLI.md): attest, keys, deposit, withdraw, order, cancel, amend,
/// orders, balances, fills, watch and demo, each with <c>--format json</c>. Exit codes: <see cref="ExitSuccess"/>,
/// <see cref="ExitFailure"/> (a rejected order, an unreachable server, a failed attestation), <see cref="ExitUsage"/>.
/// </summary>
public static class DarkPoolCli
{
    /// <summary>Everything succeeded.</summary>
    public const int ExitSuccess = 0;

    /// <summary>A request was rejected, the server could not be reached, attestation failed, or a file is bad.</summary>
    public const int ExitFailure = 1;

    /// <summary>The command line is wrong.</summary>
    public const int ExitUsage = 2;

    /// <summary>Runs the tool on <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        RootCommand root = Build(stdout, stderr);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                await stderr.WriteLineAsync($"darkpool: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'darkpool --help' (or 'darkpool <command> --help') for usage.").ConfigureAwait(false);
            return ExitUsage;
        }

        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "darkpool: trade on a DarkPool dark pool from the command line. Every command verifies the enclave's attestation "
            + "before sending anything. Exit codes: 0 success, 1 failure (rejected, unreachable, attestation), 2 usage error. "
            + "See docs/CLI.md.");
        var context = new CliContext(stdout, stderr);
        foreach (Option option in context.GlobalOptions)
        {
            root.Options.Add(option);
        }

        foreach (ICliCommand command in Commands())
        {
            root.Subcommands.Add(command.Build(context));
        }

        return root;
    }

    // Every ICliCommand in this assembly, in name order: adding a command is adding its file.
    private static IEnumerable<ICliCommand> Commands() =>
        typeof(DarkPoolCli).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (ICliCommand)Activator.CreateInstance(t)!);
}
