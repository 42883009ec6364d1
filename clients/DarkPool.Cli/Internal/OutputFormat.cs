namespace DarkPool.Cli.Internal;

/// <summary>The <c>--format</c> of every command.</summary>
internal enum OutputFormat
{
    /// <summary>Tables and sentences for people.</summary>
    Text,

    /// <summary>One JSON document on standard output (JSON lines for <c>watch</c>), for scripts.</summary>
    Json,
}
