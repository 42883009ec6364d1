namespace DarkPool.CommandLine;

/// <summary>The exit codes of every DarkPool command-line tool: scripts and CI rely on them, so they never change.</summary>
public static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Success = 0;

    /// <summary>The work failed: a check, a refused request, an unreachable server, a missing or bad file.</summary>
    public const int Failure = 1;

    /// <summary>The command line (or the configuration it names) is wrong.</summary>
    public const int Usage = 2;
}
