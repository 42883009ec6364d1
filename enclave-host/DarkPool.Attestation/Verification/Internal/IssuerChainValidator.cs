using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DarkPool.Attestation.Verification.Internal;

/// <summary>
/// Checks a collateral issuer chain (signer, root) as Intel's verifiers do: the root is the pinned root byte for
/// byte, both certificates are inside their validity windows, the signer's signature verifies to the root, and the
/// signer may do what it is used for (sign CRLs for the PCK CA, sign documents for the TCB signing certificate).
/// </summary>
internal static class IssuerChainValidator
{
    public const int Length = 2;

    public static bool TryValidate(X509Certificate2[] chain, X509Certificate2 pinnedRoot, DateTimeOffset now, bool signsCrls, string what, out string detail)
    {
        X509Certificate2 signer = chain[0];
        if (!chain[1].RawDataMemory.Span.SequenceEqual(pinnedRoot.RawDataMemory.Span))
        {
            detail = $"the {what} ends at '{chain[1].Subject}', not at the pinned root";
            return false;
        }

        foreach (X509Certificate2 certificate in chain)
        {
            if (now.UtcDateTime < certificate.NotBefore.ToUniversalTime() || now.UtcDateTime > certificate.NotAfter.ToUniversalTime())
            {
                detail = $"'{certificate.Subject}' of the {what} is outside its validity window at {now.UtcDateTime:O}";
                return false;
            }
        }

        X509BasicConstraintsExtension? constraints = signer.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        X509KeyUsageFlags usage = signer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault()?.KeyUsages ?? X509KeyUsageFlags.None;
        bool allowed = signsCrls
            ? constraints is { CertificateAuthority: true } && (usage & X509KeyUsageFlags.CrlSign) != 0
            : constraints is not { CertificateAuthority: true } && (usage & X509KeyUsageFlags.DigitalSignature) != 0;
        if (!allowed)
        {
            detail = signsCrls
                ? $"the {what}'s first certificate is not a CA allowed to sign CRLs"
                : $"the {what}'s first certificate is a CA or lacks the digitalSignature usage";
            return false;
        }

        return VerifiesToRoot(signer, pinnedRoot, now, what, out detail);
    }

    private static bool VerifiesToRoot(X509Certificate2 signer, X509Certificate2 pinnedRoot, DateTimeOffset now, string what, out string detail)
    {
        using var x509 = new X509Chain();
        X509ChainPolicy policy = x509.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(pinnedRoot);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        try
        {
            if (!x509.Build(signer) || x509.ChainElements.Count != Length
                || !x509.ChainElements[1].Certificate.RawDataMemory.Span.SequenceEqual(pinnedRoot.RawDataMemory.Span))
            {
                detail = $"the {what} does not verify to the pinned root: "
                    + string.Join(", ", x509.ChainStatus.Select(s => s.Status.ToString()));
                return false;
            }
        }
        catch (CryptographicException e)
        {
            detail = $"the {what} could not be built: {e.Message}";
            return false;
        }

        detail = string.Empty;
        return true;
    }
}
