using DarkPool.Attestation.Identity;

namespace DarkPool.Attestation.Verification;

/// <summary>Accept any build of one product by one signer from a minimum security version up.</summary>
/// <param name="MrSigner">The release key's MRSIGNER.</param>
/// <param name="ProductId">The ISVPRODID required.</param>
/// <param name="MinimumSecurityVersion">The lowest ISVSVN accepted: raising it retires vulnerable releases.</param>
public sealed record SignerPolicy(Sha256Hash MrSigner, ushort ProductId, ushort MinimumSecurityVersion);
