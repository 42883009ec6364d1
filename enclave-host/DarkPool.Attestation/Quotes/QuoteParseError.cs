namespace DarkPool.Attestation.Quotes;

/// <summary>Why bytes are not a well-formed quote. Every length is checked against the bytes actually present.</summary>
public enum QuoteParseError
{
    /// <summary>Well formed.</summary>
    None = 0,

    /// <summary>Shorter than the fixed part of a quote.</summary>
    Truncated,

    /// <summary>Version is not 3.</summary>
    UnsupportedVersion,

    /// <summary>Attestation key type is not 2 (ECDSA P-256).</summary>
    UnsupportedAttestationKeyType,

    /// <summary>Platform flags carry a bit this verifier does not know.</summary>
    UnknownPlatformFlags,

    /// <summary>The signature data length at offset 432 points past the end of the bytes.</summary>
    SignatureDataLengthPastEnd,

    /// <summary>The QE authentication data length points past the end of the signature data.</summary>
    QeAuthDataPastEnd,

    /// <summary>The certification data length points past the end of the signature data.</summary>
    CertificationDataPastEnd,

    /// <summary>Certification data is not type 5 (PCK certificate chain).</summary>
    UnsupportedCertificationDataType,

    /// <summary>Bytes remain after the certification data, or after the signature data.</summary>
    TrailingBytes,
}
