namespace DarkPool.Engine;

/// <summary>An internal invariant of the engine does not hold: a bug, never a business rejection.</summary>
public sealed class EngineConsistencyException : Exception
{
    /// <summary>Creates the exception with a description of the broken invariant.</summary>
    public EngineConsistencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public EngineConsistencyException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public EngineConsistencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
