namespace DarkPool.Enclave.Platform;

/// <summary>Why the platform refuses to derive a sealing key.</summary>
public enum SealKeyError
{
    /// <summary>Derived.</summary>
    None = 0,

    /// <summary>The policy is neither unique nor product.</summary>
    UnknownPolicy,

    /// <summary>The requested security version is above the enclave's own: an older build asking for a newer build's key.</summary>
    SecurityVersionTooNew,

    /// <summary>The key generation is zero or above the platform's current generation.</summary>
    GenerationNotAvailable,
}
