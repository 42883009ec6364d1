namespace DarkPool.Attestation.Identity;

/// <summary>
/// The identity the simulated platform's quoting enclave reports in its QE report. The values are fixed hashes of
/// labels, so a verifier can pin them without trusting anything from the platform's data folder.
/// </summary>
public static class SimulatedQuotingEnclave
{
    /// <summary>MRENCLAVE of the simulated QE: SHA-256 of "DarkPool simulated quoting enclave".</summary>
    public static Sha256Hash MrEnclave { get; } = Sha256Hash.Compute("DarkPool simulated quoting enclave"u8);

    /// <summary>MRSIGNER of the simulated QE: SHA-256 of "DarkPool simulated quoting enclave signer".</summary>
    public static Sha256Hash MrSigner { get; } = Sha256Hash.Compute("DarkPool simulated quoting enclave signer"u8);

    /// <summary>ISVPRODID of the simulated QE (1, as Intel's SGX QE).</summary>
    public const ushort ProductId = 1;
}
