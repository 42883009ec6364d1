namespace DarkPool.CommandLine;

/// <summary>
/// A failure the tool explains in one sentence and ends with its exit code: <see cref="ExitCodes.Failure"/> or
/// <see cref="ExitCodes.Usage"/>. <see cref="CommandLineTool.SetAction"/> prints its message, never a stack trace.
/// </summary>
public sealed class CommandLineException : Exception
{
    private CommandLineException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Something failed: exit code 1.</summary>
    public static CommandLineException Failure(string message) => new(message, ExitCodes.Failure);

    /// <summary>The command line or the configuration it names is wrong: exit code 2.</summary>
    public static CommandLineException Usage(string message) => new(message, ExitCodes.Usage);
}
