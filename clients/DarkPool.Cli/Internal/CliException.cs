namespace DarkPool.Cli.Internal;

/// <summary>
/// A failure the tool explains in one sentence and ends with its exit code: 1 for a failure (rejected order, unreachable
/// server, failed attestation), 2 for a usage error. Never shown with a stack trace.
/// </summary>
internal sealed class CliException : Exception
{
    private CliException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Something failed: exit code 1.</summary>
    public static CliException Failure(string message) => new(message, DarkPoolCli.ExitFailure);

    /// <summary>The command line or the configuration it names is wrong: exit code 2.</summary>
    public static CliException Usage(string message) => new(message, DarkPoolCli.ExitUsage);
}
