using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DarkPool.Attestation.Verification.Internal;

/// <summary>
/// Checks a PCK chain against a pinned root at a given time: the chain's root is the pinned root, every certificate
/// is inside its validity window, CAs are CAs allowed to sign certificates, the leaf is an end-entity signing key on
/// P-256, and the signatures chain leaf to intermediate to root. Revocation is not checked here (the X509Chain runs
/// with NoCheck and never downloads): it comes from the DCAP collateral's CRLs, checked after this chain by
/// <see cref="CollateralChecks"/> when the caller gives collateral (docs/ATTESTATION.md, section 5).
/// </summary>
internal static class PckChainValidator
{
    public static VerificationCheck Validate(PckChain chain, X509Certificate2 pinnedRoot, DateTimeOffset now, out string detail)
    {
        if (!chain.Root.RawDataMemory.Span.SequenceEqual(pinnedRoot.RawDataMemory.Span))
        {
            detail = $"the chain ends at '{chain.Root.Subject}', not at the pinned root '{pinnedRoot.Subject}'";
            return VerificationCheck.CertificateChain;
        }

        foreach ((X509Certificate2 certificate, string role) in Roles(chain))
        {
            DateTime notBefore = certificate.NotBefore.ToUniversalTime();
            DateTime notAfter = certificate.NotAfter.ToUniversalTime();
            if (now.UtcDateTime < notBefore || now.UtcDateTime > notAfter)
            {
                detail = $"the {role} certificate is valid from {notBefore:O} to {notAfter:O}, not at {now.UtcDateTime:O}";
                return VerificationCheck.CertificateValidity;
            }
        }

        foreach ((X509Certificate2 certificate, string role) in new[] { (chain.Root, "root CA"), (chain.Intermediate, "intermediate CA") })
        {
            if (!IsSigningCa(certificate))
            {
                detail = $"the {role} certificate lacks basic constraints CA=true or the keyCertSign usage";
                return VerificationCheck.CertificateKeyUsage;
            }
        }

        if (IsCa(chain.Leaf))
        {
            detail = "the PCK leaf certificate is a CA (basic constraints CA=true)";
            return VerificationCheck.CertificateKeyUsage;
        }

        if (!HasUsage(chain.Leaf, X509KeyUsageFlags.DigitalSignature))
        {
            detail = "the PCK leaf certificate lacks the digitalSignature usage";
            return VerificationCheck.CertificateKeyUsage;
        }

        using (ECDsa? leafKey = chain.Leaf.GetECDsaPublicKey())
        {
            if (leafKey is null || !EcdsaP256.IsP256(leafKey.ExportParameters(false).Curve))
            {
                detail = "the PCK leaf key is not an ECDSA P-256 key";
                return VerificationCheck.CertificateKeyUsage;
            }
        }

        return BuildChain(chain, pinnedRoot, now, out detail);
    }

    private static VerificationCheck BuildChain(PckChain chain, X509Certificate2 pinnedRoot, DateTimeOffset now, out string detail)
    {
        using var x509 = new X509Chain();
        X509ChainPolicy policy = x509.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(pinnedRoot);
        policy.ExtraStore.Add(chain.Intermediate);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        try
        {
            if (!x509.Build(chain.Leaf))
            {
                detail = "the chain does not verify to the pinned root: "
                    + string.Join(", ", x509.ChainStatus.Select(s => s.Status.ToString()));
                return VerificationCheck.CertificateChain;
            }
        }
        catch (CryptographicException e)
        {
            detail = $"the chain could not be built: {e.Message}";
            return VerificationCheck.CertificateChain;
        }

        if (x509.ChainElements.Count != PckChain.Length
            || !x509.ChainElements[1].Certificate.RawDataMemory.Span.SequenceEqual(chain.Intermediate.RawDataMemory.Span)
            || !x509.ChainElements[2].Certificate.RawDataMemory.Span.SequenceEqual(pinnedRoot.RawDataMemory.Span))
        {
            detail = "the chain built is not leaf, intermediate, pinned root";
            return VerificationCheck.CertificateChain;
        }

        detail = string.Empty;
        return VerificationCheck.None;
    }

    private static IEnumerable<(X509Certificate2 Certificate, string Role)> Roles(PckChain chain)
    {
        yield return (chain.Leaf, "PCK leaf");
        yield return (chain.Intermediate, "intermediate CA");
        yield return (chain.Root, "root CA");
    }

    private static bool IsSigningCa(X509Certificate2 certificate) =>
        IsCa(certificate) && HasUsage(certificate, X509KeyUsageFlags.KeyCertSign);

    private static bool IsCa(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is { CertificateAuthority: true };

    private static bool HasUsage(X509Certificate2 certificate, X509KeyUsageFlags flag) =>
        certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage && (usage.KeyUsages & flag) != 0;
}
