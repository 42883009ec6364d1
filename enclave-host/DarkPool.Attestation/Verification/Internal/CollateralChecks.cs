using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DarkPool.Attestation.Collateral;

namespace DarkPool.Attestation.Verification.Internal;

/// <summary>
/// The collateral checks that follow the PCK chain, in Intel's order: the PCK certificate's SGX extension, the
/// issuer chains, the CRLs (issuer, signature, window) and revocation of every certificate involved, then the TCB
/// Info and the QE Identity (signature, window, and that the TCB Info is for this platform's FMSPC and PCE-ID).
/// </summary>
internal static class CollateralChecks
{
    public static VerificationResult? Check(ParsedCollateral collateral, PckChain chain, X509Certificate2 pinnedRoot, DateTimeOffset now, out SgxPckExtension? extension)
    {
        extension = null;
        if (collateral.PckCertificateChain is { } copy && !chain.SameCertificatesAs(copy))
        {
            return VerificationResult.Failed(VerificationCheck.CertificateChain, "the collateral's PCK certificate chain is not the quote's");
        }

        if (!SgxPckExtension.TryRead(chain.Leaf, out extension, out string detail))
        {
            return VerificationResult.Failed(VerificationCheck.PckExtension, detail);
        }

        return CheckIssuerChains(collateral, pinnedRoot, now)
            ?? CheckRevocationLists(collateral, chain, pinnedRoot, now)
            ?? CheckRevocations(collateral, chain)
            ?? CheckTcbInfo(collateral, extension, now)
            ?? CheckQeIdentity(collateral, now);
    }

    private static VerificationResult? CheckIssuerChains(ParsedCollateral collateral, X509Certificate2 pinnedRoot, DateTimeOffset now)
    {
        (X509Certificate2[] Chain, bool SignsCrls, string What)[] chains =
        [
            (collateral.PckCrlIssuerChain, true, "PCK CRL issuer chain"),
            (collateral.TcbInfoIssuerChain, false, "TCB Info issuer chain"),
            (collateral.QeIdentityIssuerChain, false, "QE Identity issuer chain"),
        ];
        foreach ((X509Certificate2[] issuerChain, bool signsCrls, string what) in chains)
        {
            if (!IssuerChainValidator.TryValidate(issuerChain, pinnedRoot, now, signsCrls, what, out string detail))
            {
                return VerificationResult.Failed(VerificationCheck.CollateralIssuerChain, detail);
            }
        }

        return null;
    }

    private static VerificationResult? CheckRevocationLists(ParsedCollateral collateral, PckChain chain, X509Certificate2 pinnedRoot, DateTimeOffset now)
    {
        string? problem = !collateral.RootCaCrl.IsIssuedBy(pinnedRoot) ? "the root CA CRL is not issued and signed by the pinned root"
            : !collateral.PckCrl.IsIssuedBy(collateral.PckCrlIssuerChain[0]) ? "the PCK CRL is not issued and signed by the first certificate of its issuer chain"
            : !collateral.PckCrl.Issuer.RawData.AsSpan().SequenceEqual(chain.Leaf.IssuerName.RawData) ? "the PCK CRL is not from the CA that issued the PCK certificate"
            : null;
        if (problem is not null)
        {
            return VerificationResult.Failed(VerificationCheck.RevocationList, problem);
        }

        foreach ((CrlDocument crl, string what) in new[] { (collateral.RootCaCrl, "root CA CRL"), (collateral.PckCrl, "PCK CRL") })
        {
            if (now < crl.ThisUpdate || now > crl.NextUpdate)
            {
                return VerificationResult.Failed(
                    VerificationCheck.RevocationListValidity,
                    $"the {what} is valid from {crl.ThisUpdate.UtcDateTime:O} to {crl.NextUpdate.UtcDateTime:O}, not at {now.UtcDateTime:O}");
            }
        }

        return null;
    }

    private static VerificationResult? CheckRevocations(ParsedCollateral collateral, PckChain chain)
    {
        (CrlDocument Crl, X509Certificate2 Certificate, string What)[] checks =
        [
            (collateral.PckCrl, chain.Leaf, "the PCK certificate"),
            (collateral.RootCaCrl, chain.Intermediate, "the PCK CA certificate"),
            (collateral.RootCaCrl, collateral.PckCrlIssuerChain[0], "the PCK CRL issuer"),
            (collateral.RootCaCrl, collateral.TcbInfoIssuerChain[0], "the TCB Info signing certificate"),
            (collateral.RootCaCrl, collateral.QeIdentityIssuerChain[0], "the QE Identity signing certificate"),
        ];
        foreach ((CrlDocument crl, X509Certificate2 certificate, string what) in checks)
        {
            if (crl.Revokes(certificate))
            {
                return VerificationResult.Failed(VerificationCheck.CertificateRevoked, $"{what} (serial {certificate.SerialNumber}) is revoked");
            }
        }

        return null;
    }

    private static VerificationResult? CheckTcbInfo(ParsedCollateral collateral, SgxPckExtension extension, DateTimeOffset now)
    {
        TcbInfo tcbInfo = collateral.TcbInfo;
        if (!SignedBy(collateral.TcbInfoIssuerChain[0], collateral.Raw.TcbInfoJson, collateral.Raw.TcbInfoSignature.Span))
        {
            return VerificationResult.Failed(VerificationCheck.TcbInfoSignature, "the TCB Info is not signed by its issuer chain's signing certificate");
        }

        if (now < tcbInfo.IssueDate || now > tcbInfo.NextUpdate)
        {
            return VerificationResult.Failed(
                VerificationCheck.TcbInfoValidity,
                $"the TCB Info is valid from {tcbInfo.IssueDate.UtcDateTime:O} to {tcbInfo.NextUpdate.UtcDateTime:O}, not at {now.UtcDateTime:O}");
        }

        string? mismatch = !tcbInfo.Fmspc.Span.SequenceEqual(extension.Fmspc)
            ? $"the TCB Info is for FMSPC {Convert.ToHexString(tcbInfo.Fmspc.Span)}, the PCK certificate's is {Convert.ToHexString(extension.Fmspc)}"
            : !tcbInfo.PceId.Span.SequenceEqual(extension.PceId)
                ? $"the TCB Info is for PCE-ID {Convert.ToHexString(tcbInfo.PceId.Span)}, the PCK certificate's is {Convert.ToHexString(extension.PceId)}"
                : null;
        return mismatch is null ? null : VerificationResult.Failed(VerificationCheck.TcbInfoMismatch, mismatch);
    }

    private static VerificationResult? CheckQeIdentity(ParsedCollateral collateral, DateTimeOffset now)
    {
        QeIdentity identity = collateral.QeIdentity;
        if (!SignedBy(collateral.QeIdentityIssuerChain[0], collateral.Raw.QeIdentityJson, collateral.Raw.QeIdentitySignature.Span))
        {
            return VerificationResult.Failed(VerificationCheck.QeIdentitySignature, "the QE Identity is not signed by its issuer chain's signing certificate");
        }

        return now < identity.IssueDate || now > identity.NextUpdate
            ? VerificationResult.Failed(
                VerificationCheck.QeIdentityValidity,
                $"the QE Identity is valid from {identity.IssueDate.UtcDateTime:O} to {identity.NextUpdate.UtcDateTime:O}, not at {now.UtcDateTime:O}")
            : null;
    }

    // The signature covers the UTF-8 bytes of the document exactly as it appears in the collateral.
    private static bool SignedBy(X509Certificate2 signer, string document, ReadOnlySpan<byte> signature)
    {
        using ECDsa? key = signer.GetECDsaPublicKey();
        return key is not null && EcdsaP256.Verify(key, Encoding.UTF8.GetBytes(document), signature);
    }
}
