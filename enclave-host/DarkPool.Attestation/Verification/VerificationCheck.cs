namespace DarkPool.Attestation.Verification;

/// <summary>
/// The checks of <see cref="QuoteVerifier"/>, in the order they run; a result names the first that failed. The
/// collateral checks (<see cref="Collateral"/>, <see cref="PckExtension"/> to <see cref="QeIdentityValidity"/>,
/// <see cref="TcbLevel"/>, <see cref="TcbStatus"/>) run only when collateral is given.
/// </summary>
public enum VerificationCheck
{
    /// <summary>No check failed.</summary>
    None = 0,

    /// <summary>The bytes are not a well-formed quote (see <see cref="VerificationResult.ParseError"/>).</summary>
    Format,

    /// <summary>The collateral does not parse, or the policy requires collateral and none was given.</summary>
    Collateral,

    /// <summary>The PCK certificate chain is malformed or does not chain to the pinned root (or is not the collateral's copy).</summary>
    CertificateChain,

    /// <summary>A certificate of the chain is outside its validity window at the verification time.</summary>
    CertificateValidity,

    /// <summary>A certificate is used for what its key usage or basic constraints do not allow.</summary>
    CertificateKeyUsage,

    /// <summary>The PCK certificate has no SGX extension, or it is malformed.</summary>
    PckExtension,

    /// <summary>An issuer chain of the collateral (PCK CRL, TCB Info, QE Identity) does not verify to the pinned root.</summary>
    CollateralIssuerChain,

    /// <summary>A CRL is not issued and signed by the CA it must come from.</summary>
    RevocationList,

    /// <summary>A CRL is outside its thisUpdate..nextUpdate window at the verification time.</summary>
    RevocationListValidity,

    /// <summary>A certificate of the PCK chain or of an issuer chain is listed in a CRL.</summary>
    CertificateRevoked,

    /// <summary>The TCB Info is not signed by the TCB signing key.</summary>
    TcbInfoSignature,

    /// <summary>The TCB Info is outside its issueDate..nextUpdate window at the verification time.</summary>
    TcbInfoValidity,

    /// <summary>The TCB Info is for another platform model (FMSPC) or PCE than the PCK certificate.</summary>
    TcbInfoMismatch,

    /// <summary>The QE Identity is not signed by the TCB signing key.</summary>
    QeIdentitySignature,

    /// <summary>The QE Identity is outside its issueDate..nextUpdate window at the verification time.</summary>
    QeIdentityValidity,

    /// <summary>The QE report is not signed by the PCK leaf's key.</summary>
    QeReportSignature,

    /// <summary>The QE report's REPORTDATA does not bind the attestation key and QE authentication data.</summary>
    QeReportDataBinding,

    /// <summary>
    /// The quoting enclave is not the one the policy expects (vendor, MRSIGNER, product, version, DEBUG), or not the one
    /// the QE Identity describes (MISCSELECT and ATTRIBUTES under their masks, MRSIGNER, ISVPRODID).
    /// </summary>
    QeIdentity,

    /// <summary>Bytes 0..431 are not signed by the attestation key.</summary>
    QuoteSignature,

    /// <summary>No level of the TCB Info matches the PCK certificate's TCB, or no QE Identity level the QE's ISVSVN.</summary>
    TcbLevel,

    /// <summary>The TCB status (platform and QE combined, see <see cref="VerificationResult.TcbStatus"/>) is not accepted by the policy.</summary>
    TcbStatus,

    /// <summary>
    /// The quote chains to the simulated platform's root or comes from the simulated quoting enclave, but its platform
    /// flags say hardware. The simulated platform always sets the flag, so someone else signed this quote with keys from
    /// its data folder.
    /// </summary>
    SimulationFlag,

    /// <summary>
    /// The quote comes from the simulated platform (by its flag, its pinned root or its quoting enclave) and the policy
    /// does not allow simulation.
    /// </summary>
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
