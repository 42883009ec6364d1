namespace DarkPool.Audit.Internal;

/// <summary>What <c>--format</c> chose.</summary>
internal enum OutputFormat
{
    /// <summary>Tables and lines for people.</summary>
    Text = 0,

    /// <summary>One JSON document on standard output, for scripts.</summary>
    Json,
}
