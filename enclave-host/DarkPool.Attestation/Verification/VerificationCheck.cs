namespace DarkPool.Attestation.Verification;

/// <summary>
/// The checks of <see cref="QuoteVerifier"/>, in the order they run; a result names the first that failed.
/// </summary>
public enum VerificationCheck
{
    /// <summary>No check failed.</summary>
    None = 0,

    /// <summary>The bytes are not a well-formed quote (see <see cref="VerificationResult.ParseError"/>).</summary>
    Format,

    /// <summary>The PCK certificate chain is malformed or does not chain to the pinned root.</summary>
    CertificateChain,

    /// <summary>A certificate of the chain is outside its validity window at the verification time.</summary>
    CertificateValidity,

    /// <summary>A certificate is used for what its key usage or basic constraints do not allow.</summary>
    CertificateKeyUsage,

    /// <summary>The QE report is not signed by the PCK leaf's key.</summary>
    QeReportSignature,

    /// <summary>The QE report's REPORTDATA does not bind the attestation key and QE authentication data.</summary>
    QeReportDataBinding,

    /// <summary>The quoting enclave is not the one the policy expects (vendor, MRSIGNER, product, version, DEBUG).</summary>
    QeIdentity,

    /// <summary>Bytes 0..431 are not signed by the attestation key.</summary>
    QuoteSignature,

    /// <summary>The quote comes from the simulated platform and the policy does not allow simulation.</summary>
    Simulation,

    /// <summary>The enclave has the DEBUG attribute and the policy does not allow debug enclaves.</summary>
    Debug,

    /// <summary>MRENCLAVE is not one the policy allows.</summary>
    Measurement,

    /// <summary>MRSIGNER is not the policy's signer.</summary>
    Signer,

    /// <summary>ISVPRODID is not the policy's product.</summary>
    ProductId,

    /// <summary>ISVSVN is below the policy's minimum.</summary>
    SecurityVersion,

    /// <summary>REPORTDATA is not the binding of the expected keys and nonce.</summary>
    ReportData,

    /// <summary>The nonce was not issued by this verifier's registry (or was forgotten after expiring).</summary>
    NonceUnknown,

    /// <summary>The nonce was already used by a successful verification.</summary>
    NonceReplayed,

    /// <summary>The nonce was issued longer ago than the registry's lifetime.</summary>
    NonceExpired,
}
