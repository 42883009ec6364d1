namespace DarkPool.Enclave.Runtime;

/// <summary>What a verifier needs: the quote over the enclave's keys and its nonce, the root to pin, the collateral, and the keys themselves.</summary>
/// <param name="Quote">The SGX DCAP v3 quote (docs/ATTESTATION.md §3).</param>
/// <param name="RootCertificate">The platform root certificate, DER (in simulation, the data folder's test root).</param>
/// <param name="CollateralJson">The DCAP collateral as <c>collateral.json</c> (docs/ATTESTATION.md).</param>
/// <param name="KeyAgreementPublicKey">The enclave's P-256 key-agreement key (SEC1 uncompressed), bound in REPORTDATA.</param>
/// <param name="SettlementPublicKey">The enclave's secp256k1 settlement signing key (SEC1 uncompressed), bound in REPORTDATA.</param>
/// <param name="Simulated">True on the simulated platform (the quote says so too).</param>
public sealed record EnclaveEvidence(
    byte[] Quote,
    byte[] RootCertificate,
    string CollateralJson,
    byte[] KeyAgreementPublicKey,
    byte[] SettlementPublicKey,
    bool Simulated);
