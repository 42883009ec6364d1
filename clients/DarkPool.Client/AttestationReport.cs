using DarkPool.Attestation.Verification;

namespace DarkPool.Client;

/// <summary>What <see cref="EnclaveAttestation.FetchAndVerifyAsync"/> fetched and what the verifier said about it.</summary>
/// <param name="Result">The verification result: the failed check, if any, and the enclave's identity when the quote parsed.</param>
/// <param name="Nonce">The fresh nonce REPORTDATA had to bind.</param>
/// <param name="Quote">The quote's bytes.</param>
/// <param name="KeyAgreementPublicKey">The enclave's session key-agreement public key.</param>
/// <param name="SettlementPublicKey">The enclave's settlement public key.</param>
/// <param name="HadCollateral">Whether the gateway sent collateral (then it was checked).</param>
/// <param name="ClaimsSimulated">What the (untrusted) gateway said about simulation; the verifier decides from the quote itself.</param>
public sealed record AttestationReport(
    VerificationResult Result, byte[] Nonce, byte[] Quote, byte[] KeyAgreementPublicKey, byte[] SettlementPublicKey, bool HadCollateral, bool ClaimsSimulated);
