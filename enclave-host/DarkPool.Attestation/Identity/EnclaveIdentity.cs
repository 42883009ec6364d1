namespace DarkPool.Attestation.Identity;

/// <summary>
/// What an enclave is, as the platform reports it in a quote's report body and as sealing keys are bound to it.
/// </summary>
/// <param name="MrEnclave">The measurement of the enclave's code (MRENCLAVE), see docs/ATTESTATION.md.</param>
/// <param name="MrSigner">SHA-256 of the release signing public key (MRSIGNER).</param>
/// <param name="ProductId">ISVPRODID: tells apart products signed by the same key.</param>
/// <param name="SecurityVersion">ISVSVN: raised by every release that fixes a security bug.</param>
/// <param name="Debug">The DEBUG attribute: a debug enclave's memory is readable by the host.</param>
public sealed record EnclaveIdentity(Sha256Hash MrEnclave, Sha256Hash MrSigner, ushort ProductId, ushort SecurityVersion, bool Debug);
