using DarkPool.Audit.Commands;
using DarkPool.CommandLine;

namespace DarkPool.Audit;

/// <summary>
/// The <c>darkpool-audit</c> command line (docs/ATTESTATION.md §7): <c>evidence</c>, <c>verify-quote</c>,
/// <c>measure</c>, <c>settlements</c>, <c>register-key</c>, each with <c>--format json</c>. Exit codes: <see cref="ExitSuccess"/>,
/// <see cref="ExitFailure"/> (a check failed, the server is unreachable, a file is bad), <see cref="ExitUsage"/> (the
/// command line is wrong).
/// </summary>
public static class AuditCli
{
    /// <summary>Everything succeeded.</summary>
    public const int ExitSuccess = ExitCodes.Success;

    /// <summary>A check failed, the server could not be reached, or a file is missing or bad.</summary>
    public const int ExitFailure = ExitCodes.Failure;

    /// <summary>The command line is wrong.</summary>
    public const int ExitUsage = ExitCodes.Usage;

    // Enum values as declared ("Passed") and nulls written: the JSON documents auditors' scripts already read.
    private static readonly ToolSettings Settings = new()
    {
        Name = "darkpool-audit",
        Description = "darkpool-audit: export a DarkPool enclave's attestation evidence, verify quotes against a policy, measure an "
            + "enclave build (docs/ATTESTATION.md), audit the settlement log on chain and register an attested enclave key "
            + "(docs/SETTLEMENT.md). Exit codes: 0 success, 1 failure, 2 usage error.",
        UsageHint = "Run 'darkpool-audit --help' (or '<command> --help') for usage.",
    };

    /// <summary>Runs the tool on <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        CommandLineTool.RunAsync(Settings, args, stdout, stderr, tool => tool.AddCommands<IAuditCommand>(c => c.Build(tool)), cancellationToken);
}
