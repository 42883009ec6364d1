using System.CommandLine;
using System.CommandLine.Help;
using DarkPool.Audit.Commands;
using DarkPool.Audit.Internal;

namespace DarkPool.Audit;

/// <summary>
/// The <c>darkpool-audit</c> command line (docs/ATTESTATION.md §7): <c>evidence</c>, <c>verify-quote</c>,
/// <c>measure</c>, each with <c>--format json</c>. Exit codes: <see cref="ExitSuccess"/>, <see cref="ExitFailure"/>
/// (a check failed, the server is unreachable, a file is bad), <see cref="ExitUsage"/> (the command line is wrong).
/// </summary>
public static class AuditCli
{
    /// <summary>Everything succeeded.</summary>
    public const int ExitSuccess = 0;

    /// <summary>A check failed, the server could not be reached, or a file is missing or bad.</summary>
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
                await stderr.WriteLineAsync($"darkpool-audit: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'darkpool-audit --help' (or '<command> --help') for usage.").ConfigureAwait(false);
            return ExitUsage;
        }

        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var format = new Option<OutputFormat>("--format")
        {
            Description = "text (tables for people) or json (one JSON document on standard output, for scripts)",
            DefaultValueFactory = _ => OutputFormat.Text,
            HelpName = "text|json",
            Recursive = true,
        };
        var root = new RootCommand(
            "darkpool-audit: export a DarkPool enclave's attestation evidence, verify quotes against a policy, and measure an "
            + "enclave build (docs/ATTESTATION.md). Exit codes: 0 success, 1 failure, 2 usage error.");
        root.Options.Add(format);
        var context = new AuditCommandContext(stdout, stderr, format);
        foreach (IAuditCommand command in Commands())
        {
            root.Subcommands.Add(command.Build(context));
        }

        return root;
    }

    // Every IAuditCommand in this assembly, in name order: adding a command is adding its file.
    private static IEnumerable<IAuditCommand> Commands() =>
        typeof(AuditCli).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAuditCommand).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (IAuditCommand)Activator.CreateInstance(t)!);
}
