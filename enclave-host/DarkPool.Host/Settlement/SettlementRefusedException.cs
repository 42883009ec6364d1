namespace DarkPool.Host.Settlement;

/// <summary>The enclave refuses to settle from its state: older than the chain (a rollback), or another chain's.</summary>
public sealed class SettlementRefusedException : Exception
{
    /// <summary>With the reason.</summary>
    public SettlementRefusedException(string? message)
        : base(message ?? "The enclave refuses to settle from this state.")
    {
    }

    /// <summary>With a default message.</summary>
    public SettlementRefusedException()
        : this(null)
    {
    }

    /// <summary>With the reason and the cause.</summary>
    public SettlementRefusedException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
