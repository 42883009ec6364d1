namespace DarkPool.Attestation.Verification;

/// <summary>What a <see cref="NonceRegistry"/> knows about a nonce presented to it.</summary>
public enum NonceStatus
{
    /// <summary>Issued by this registry, within its lifetime, never used: now consumed.</summary>
    Fresh = 0,

    /// <summary>Never issued here, or already forgotten.</summary>
    Unknown,

    /// <summary>Already consumed by an earlier verification.</summary>
    Replayed,

    /// <summary>Issued longer ago than the registry's lifetime.</summary>
    Expired,
}
