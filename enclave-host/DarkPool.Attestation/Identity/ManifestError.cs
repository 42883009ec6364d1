namespace DarkPool.Attestation.Identity;

/// <summary>Why bytes are not a valid signed enclave manifest.</summary>
public enum ManifestError
{
    /// <summary>Valid.</summary>
    None = 0,

    /// <summary>Not exactly the manifest size.</summary>
    WrongLength,

    /// <summary>The magic is not "DPENCSIG".</summary>
    BadMagic,

    /// <summary>Version is not 1.</summary>
    UnsupportedVersion,

    /// <summary>A reserved field or attribute bit other than DEBUG is set.</summary>
    ReservedBitsSet,

    /// <summary>The signer key is not a P-256 point.</summary>
    InvalidSignerKey,

    /// <summary>The signature does not verify with the signer key in the manifest.</summary>
    BadSignature,
}
