using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Collateral;

namespace DarkPool.Attestation.Verification.Internal;

/// <summary>
/// The collateral with every part parsed (CRLs, the three issuer chains, both documents) and nothing yet trusted:
/// a part that does not parse fails the <see cref="VerificationCheck.Collateral"/> check.
/// </summary>
internal sealed class ParsedCollateral : IDisposable
{
    private ParsedCollateral(
        QuoteCollateral raw,
        CrlDocument rootCaCrl,
        CrlDocument pckCrl,
        X509Certificate2[] pckCrlIssuerChain,
        X509Certificate2[] tcbInfoIssuerChain,
        X509Certificate2[] qeIdentityIssuerChain,
        X509Certificate2[]? pckCertificateChain,
        TcbInfo tcbInfo,
        QeIdentity qeIdentity)
    {
        Raw = raw;
        RootCaCrl = rootCaCrl;
        PckCrl = pckCrl;
        PckCrlIssuerChain = pckCrlIssuerChain;
        TcbInfoIssuerChain = tcbInfoIssuerChain;
        QeIdentityIssuerChain = qeIdentityIssuerChain;
        PckCertificateChain = pckCertificateChain;
        TcbInfo = tcbInfo;
        QeIdentity = qeIdentity;
    }

    public QuoteCollateral Raw { get; }

    public CrlDocument RootCaCrl { get; }

    public CrlDocument PckCrl { get; }

    public X509Certificate2[] PckCrlIssuerChain { get; }

    public X509Certificate2[] TcbInfoIssuerChain { get; }

    public X509Certificate2[] QeIdentityIssuerChain { get; }

    /// <summary>The collateral's copy of the PCK chain, when it carries one.</summary>
    public X509Certificate2[]? PckCertificateChain { get; }

    public TcbInfo TcbInfo { get; }

    public QeIdentity QeIdentity { get; }

    public static bool TryParse(QuoteCollateral raw, [NotNullWhen(true)] out ParsedCollateral? parsed, out string detail)
    {
        parsed = null;
        var owned = new List<X509Certificate2[]>();
        try
        {
            if (!CrlDocument.TryParse(raw.RootCaCrl, "root CA CRL", out CrlDocument? rootCaCrl, out detail)
                || !CrlDocument.TryParse(raw.PckCrl, "PCK CRL", out CrlDocument? pckCrl, out detail)
                || !TryChain(raw.PckCrlIssuerChain, IssuerChainValidator.Length, "PCK CRL issuer chain", owned, out X509Certificate2[]? pckCrlChain, out detail)
                || !TryChain(raw.TcbInfoIssuerChain, IssuerChainValidator.Length, "TCB Info issuer chain", owned, out X509Certificate2[]? tcbInfoChain, out detail)
                || !TryChain(raw.QeIdentityIssuerChain, IssuerChainValidator.Length, "QE Identity issuer chain", owned, out X509Certificate2[]? qeIdentityChain, out detail)
                || !TcbInfo.TryParse(raw.TcbInfoJson, out TcbInfo? tcbInfo, out detail)
                || !QeIdentity.TryParse(raw.QeIdentityJson, out QeIdentity? qeIdentity, out detail))
            {
                return false;
            }

            X509Certificate2[]? pckChain = null;
            if (raw.PckCertificateChain is not null
                && !TryChain(raw.PckCertificateChain, PckChain.Length, "collateral's PCK certificate chain", owned, out pckChain, out detail))
            {
                return false;
            }

            if (raw.TcbInfoSignature.Length != EcdsaP256.SignatureSize || raw.QeIdentitySignature.Length != EcdsaP256.SignatureSize)
            {
                detail = $"a collateral signature is not {EcdsaP256.SignatureSize} bytes (r||s)";
                return false;
            }

            parsed = new ParsedCollateral(raw, rootCaCrl, pckCrl, pckCrlChain, tcbInfoChain, qeIdentityChain, pckChain, tcbInfo, qeIdentity);
            owned.Clear();
            return true;
        }
        finally
        {
            foreach (X509Certificate2[] chain in owned)
            {
                PemCertificates.DisposeAll(chain);
            }
        }
    }

    public void Dispose()
    {
        PemCertificates.DisposeAll(PckCrlIssuerChain);
        PemCertificates.DisposeAll(TcbInfoIssuerChain);
        PemCertificates.DisposeAll(QeIdentityIssuerChain);
        PemCertificates.DisposeAll(PckCertificateChain ?? []);
    }

    private static bool TryChain(string pem, int count, string what, List<X509Certificate2[]> owned, [NotNullWhen(true)] out X509Certificate2[]? chain, out string detail)
    {
        if (!PemCertificates.TryParse(pem, count, what, out chain, out detail))
        {
            return false;
        }

        owned.Add(chain);
        return true;
    }
}
