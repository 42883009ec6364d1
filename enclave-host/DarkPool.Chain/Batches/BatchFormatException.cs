namespace DarkPool.Chain.Batches;

/// <summary>Bytes that are not a well-formed settlement batch (wrong magic, version or length).</summary>
public sealed class BatchFormatException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public BatchFormatException(string message)
        : base(message)
    {
    }
}
