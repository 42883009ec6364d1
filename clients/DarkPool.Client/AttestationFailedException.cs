using DarkPool.Attestation.Verification;

namespace DarkPool.Client;

/// <summary>The enclave's evidence did not pass the policy: the SDK sends nothing to it.</summary>
public sealed class AttestationFailedException : Exception
{
    /// <summary>A failure of <paramref name="check"/>.</summary>
    public AttestationFailedException(VerificationCheck check, string detail)
        : base($"Attestation failed at {check}: {detail}")
    {
        FailedCheck = check;
    }

    /// <summary>A failure with a message only.</summary>
    public AttestationFailedException()
        : base("Attestation failed.")
    {
    }

    /// <summary>A failure with a message only.</summary>
    public AttestationFailedException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a message and a cause.</summary>
    public AttestationFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The check that failed, by name.</summary>
    public VerificationCheck FailedCheck { get; }
}
