using DarkPool.Attestation.Identity;

namespace DarkPool.Attestation.Verification;

/// <summary>The quoting enclave a verifier trusts to vouch for attestation keys.</summary>
/// <param name="MrSigner">MRSIGNER of the quoting enclave.</param>
/// <param name="ProductId">ISVPRODID of the quoting enclave.</param>
/// <param name="MinimumSecurityVersion">The lowest QE ISVSVN accepted.</param>
public sealed record QuotingEnclavePolicy(Sha256Hash MrSigner, ushort ProductId, ushort MinimumSecurityVersion)
{
    /// <summary>Intel's SGX quoting enclave (MRSIGNER as published in Intel's QE identity collateral, ISVPRODID 1).</summary>
    public static QuotingEnclavePolicy IntelSgx { get; } = new(
        new Sha256Hash(Convert.FromHexString("8C4F5775D796503E96137F77C68A829A0056AC8DED70140B081B094490C57BFF")),
        ProductId: 1,
        MinimumSecurityVersion: 0);

    /// <summary>The simulated platform's quoting enclave (see <see cref="SimulatedQuotingEnclave"/>).</summary>
    public static QuotingEnclavePolicy Simulated { get; } = new(SimulatedQuotingEnclave.MrSigner, SimulatedQuotingEnclave.ProductId, MinimumSecurityVersion: 0);
}
