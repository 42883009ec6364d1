namespace DarkPool.Chain;

/// <summary>The chain refused a transaction under one of its rules; nothing changed on chain.</summary>
public sealed class ChainRejectedException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public ChainRejectedException(ChainError error, string detail)
        : base($"The chain rejected the call: {error}. {detail}")
    {
        Error = error;
    }

    /// <summary>Which rule refused the call.</summary>
    public ChainError Error { get; }
}
