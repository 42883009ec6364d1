using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DarkPool.Attestation.Collateral;

/// <summary>
/// What Intel's provisioning certification service does for a verifier, with keys the caller holds: CRLs from the
/// root CA and the PCK CA, and TCB Info and QE Identity signed by the TCB signing key. The simulated platform uses it
/// with its test hierarchy. The keys stay the caller's: this class never disposes them.
/// </summary>
public sealed class CollateralIssuer
{
    private readonly X509Certificate2 _root;
    private readonly ECDsa _rootKey;
    private readonly X509Certificate2 _pckCa;
    private readonly ECDsa _pckCaKey;
    private readonly X509Certificate2 _tcbSigning;
    private readonly ECDsa _tcbSigningKey;

    /// <summary>An issuer for one hierarchy: the root CA, the CA that issues PCK certificates, and the TCB signing certificate.</summary>
    public CollateralIssuer(X509Certificate2 root, ECDsa rootKey, X509Certificate2 pckCa, ECDsa pckCaKey, X509Certificate2 tcbSigning, ECDsa tcbSigningKey)
    {
        _root = root ?? throw new ArgumentNullException(nameof(root));
        _rootKey = rootKey ?? throw new ArgumentNullException(nameof(rootKey));
        _pckCa = pckCa ?? throw new ArgumentNullException(nameof(pckCa));
        _pckCaKey = pckCaKey ?? throw new ArgumentNullException(nameof(pckCaKey));
        _tcbSigning = tcbSigning ?? throw new ArgumentNullException(nameof(tcbSigning));
        _tcbSigningKey = tcbSigningKey ?? throw new ArgumentNullException(nameof(tcbSigningKey));
    }

    /// <summary>Certificates as PEM, one after the other, each ending with a line feed (the form of Intel's issuer chain headers).</summary>
    public static string PemChain(params X509Certificate2[] certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var text = new StringBuilder();
        foreach (X509Certificate2 certificate in certificates)
        {
            text.Append(certificate.ExportCertificatePem()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>r||s: the TCB signing key's ECDSA-SHA256 signature over the UTF-8 bytes of <paramref name="json"/>.</summary>
    public byte[] SignDocument(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var signature = new byte[EcdsaP256.SignatureSize];
        EcdsaP256.Sign(_tcbSigningKey, Encoding.UTF8.GetBytes(json), signature);
        return signature;
    }

    /// <summary>The root CA's CRL (DER), revoking <paramref name="revoked"/> (intermediate CAs, TCB signing certificates).</summary>
    public byte[] CreateRootCaCrl(IEnumerable<X509Certificate2> revoked, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate) =>
        CreateCrl(_root, _rootKey, revoked, thisUpdate, nextUpdate);

    /// <summary>The PCK CA's CRL (DER), revoking <paramref name="revoked"/> PCK certificates.</summary>
    public byte[] CreatePckCrl(IEnumerable<X509Certificate2> revoked, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate) =>
        CreateCrl(_pckCa, _pckCaKey, revoked, thisUpdate, nextUpdate);

    /// <summary>
    /// Signs both documents and issues both CRLs (nothing revoked by the root, <paramref name="revokedPckCertificates"/>
    /// by the PCK CA), valid from <paramref name="crlThisUpdate"/> to <paramref name="crlNextUpdate"/>.
    /// </summary>
    public QuoteCollateral Issue(
        TcbInfo tcbInfo,
        QeIdentity qeIdentity,
        DateTimeOffset crlThisUpdate,
        DateTimeOffset crlNextUpdate,
        IEnumerable<X509Certificate2> revokedPckCertificates,
        string? pckCertificateChain)
    {
        ArgumentNullException.ThrowIfNull(tcbInfo);
        ArgumentNullException.ThrowIfNull(qeIdentity);
        string tcbInfoJson = tcbInfo.ToJson();
        string qeIdentityJson = qeIdentity.ToJson();
        string signingChain = PemChain(_tcbSigning, _root);
        return new QuoteCollateral
        {
            PckCrlIssuerChain = PemChain(_pckCa, _root),
            RootCaCrl = CreateRootCaCrl([], crlThisUpdate, crlNextUpdate),
            PckCrl = CreatePckCrl(revokedPckCertificates, crlThisUpdate, crlNextUpdate),
            TcbInfoIssuerChain = signingChain,
            TcbInfoJson = tcbInfoJson,
            TcbInfoSignature = SignDocument(tcbInfoJson),
            QeIdentityIssuerChain = signingChain,
            QeIdentityJson = qeIdentityJson,
            QeIdentitySignature = SignDocument(qeIdentityJson),
            PckCertificateChain = pckCertificateChain,
        };
    }

    private static byte[] CreateCrl(X509Certificate2 issuer, ECDsa issuerKey, IEnumerable<X509Certificate2> revoked, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        var builder = new CertificateRevocationListBuilder();
        foreach (X509Certificate2 certificate in revoked)
        {
            builder.AddEntry(certificate, thisUpdate, X509RevocationReason.KeyCompromise);
        }

        // CRL numbers only go up: seconds since the epoch of the issue time.
        var crlNumber = new BigInteger(Math.Max(1, thisUpdate.ToUnixTimeSeconds()));
        return builder.Build(
            issuer.SubjectName,
            X509SignatureGenerator.CreateForECDsa(issuerKey),
            crlNumber,
            nextUpdate,
            HashAlgorithmName.SHA256,
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false),
            thisUpdate);
    }
}
