namespace DarkPool.Audit.Internal;

/// <summary>Evidence as the server (or the enclave on a data folder) gave it for <see cref="Nonce"/>, not yet verified.</summary>
/// <param name="Source">Where it came from, for people: the server's address or the data folder.</param>
/// <param name="Nonce">The 32-byte nonce the quote's REPORTDATA should bind.</param>
/// <param name="Quote">The quote.</param>
/// <param name="RootCertificate">The root certificate the platform says it chains to (DER).</param>
/// <param name="CollateralJson">The collateral, <c>collateral.json</c>.</param>
/// <param name="KeyAgreementPublicKey">The enclave's key-agreement key, bound in REPORTDATA.</param>
/// <param name="SettlementPublicKey">The enclave's settlement key, bound in REPORTDATA.</param>
internal sealed record FetchedEvidence(
    string Source,
    byte[] Nonce,
    byte[] Quote,
    byte[] RootCertificate,
    string CollateralJson,
    byte[] KeyAgreementPublicKey,
    byte[] SettlementPublicKey);
