using DarkPool.Engine;

namespace DarkPool.Replay;

/// <summary>How one replay runs.</summary>
internal sealed class ReplayOptions
{
    /// <summary>Which order book the engine uses; both must print the same events.</summary>
    public BookKind Book { get; init; } = BookKind.Fast;

    /// <summary>Print a final <c>state</c> line with the engine's state hash.</summary>
    public bool PrintHash { get; init; }

    /// <summary>Run the engine's internal consistency check after every line (slow; for audits).</summary>
    public bool CheckConsistency { get; init; }

    /// <summary>Flush the output after every input line, so that a process driving the tool through pipes sees each answer at once.</summary>
    public bool FlushEachLine { get; init; }
}
