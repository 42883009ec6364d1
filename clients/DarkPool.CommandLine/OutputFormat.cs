namespace DarkPool.CommandLine;

/// <summary>What <c>--format</c> chose.</summary>
public enum OutputFormat
{
    /// <summary>Tables and sentences for people.</summary>
    Text = 0,

    /// <summary>One JSON document on standard output (or JSON lines for a stream), for scripts.</summary>
    Json,
}
