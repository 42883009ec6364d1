namespace DarkPool.Enclave.Sealing;

/// <summary>Why a sealed blob was not opened. Nothing is returned in any of these cases.</summary>
public enum UnsealError
{
    /// <summary>Opened.</summary>
    None = 0,

    /// <summary>Shorter than a header and a tag.</summary>
    Truncated,

    /// <summary>The magic is not "DPSB".</summary>
    BadMagic,

    /// <summary>Format version is not 1.</summary>
    UnsupportedVersion,

    /// <summary>The policy field is neither unique nor product.</summary>
    UnknownPolicy,

    /// <summary>The blob was sealed under another policy than the one the caller expects.</summary>
    PolicyMismatch,

    /// <summary>The reserved field is not zero.</summary>
    MalformedHeader,

    /// <summary>The length field does not match the bytes present.</summary>
    LengthMismatch,

    /// <summary>Sealed by a higher security version than this enclave's: an older build cannot unseal a newer one's data.</summary>
    SecurityVersionTooNew,

    /// <summary>The key generation is zero or newer than the platform's.</summary>
    GenerationNotAvailable,

    /// <summary>
    /// AES-GCM authentication failed: the blob was changed, sealed for another identity or context, or sealed under
    /// different header fields than it now carries.
    /// </summary>
    AuthenticationFailed,
}
