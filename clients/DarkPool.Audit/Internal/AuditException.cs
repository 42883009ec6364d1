namespace DarkPool.Audit.Internal;

/// <summary>
/// A failure the tool explains in one sentence and ends with its exit code: 1 for a failure (unreachable server, bad
/// file, failed check), 2 for a usage error. Never shown with a stack trace.
/// </summary>
internal sealed class AuditException : Exception
{
    private AuditException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Something failed: exit code 1.</summary>
    public static AuditException Failure(string message) => new(message, AuditCli.ExitFailure);

    /// <summary>The command line was wrong: exit code 2.</summary>
    public static AuditException Usage(string message) => new(message, AuditCli.ExitUsage);
}
