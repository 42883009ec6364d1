using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Identity;

namespace DarkPool.Enclave.Platform.Internal;

/// <summary>
/// Issues the simulated platform's certificate hierarchy, shaped like Intel's: a self-signed root CA, a PCK
/// ("PCK Processor CA") intermediate, a PCK leaf carrying Intel's SGX extension whose key signs quoting-enclave
/// reports, and a TCB signing certificate (issued by the root) whose key signs TCB Info and QE Identity. All keys are
/// ECDSA P-256 and all signatures ECDSA-SHA256. The names say SIMULATED so no one mistakes them for Intel's, and carry
/// the organisation verifiers recognise (<see cref="SimulatedCertificates"/>).
/// </summary>
internal static class SimulatedCertificateAuthority
{
    public const string RootName = "CN=DarkPool SIMULATED SGX Root CA, O=" + SimulatedCertificates.Organization;
    public const string PlatformCaName = "CN=DarkPool SIMULATED SGX PCK Processor CA, O=" + SimulatedCertificates.Organization;
    public const string PckName = "CN=DarkPool SIMULATED SGX PCK Certificate, O=" + SimulatedCertificates.Organization;
    public const string TcbSigningName = "CN=DarkPool SIMULATED SGX TCB Signing, O=" + SimulatedCertificates.Organization;

    public static X509Certificate2 CreateRoot(ECDsa rootKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(RootName, rootKey, HashAlgorithmName.SHA256);
        AddCaExtensions(request, pathLength: 1);
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    public static X509Certificate2 CreatePlatformCa(ECDsa caKey, X509Certificate2 root, ECDsa rootKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(PlatformCaName, caKey, HashAlgorithmName.SHA256);
        AddCaExtensions(request, pathLength: 0);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        return Issue(request, root, rootKey, notBefore, notAfter);
    }

    /// <summary>The PCK leaf: an end-entity signing key, with the SGX extension certifying the platform's TCB.</summary>
    public static X509Certificate2 CreatePck(ECDsa pckKey, SgxPckExtension sgx, X509Certificate2 platformCa, ECDsa caKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(PckName, pckKey, HashAlgorithmName.SHA256);
        AddSigningExtensions(request, platformCa);
        request.CertificateExtensions.Add(sgx.ToExtension());
        return Issue(request, platformCa, caKey, notBefore, notAfter);
    }

    /// <summary>The TCB signing certificate: an end-entity key the root certifies to sign TCB Info and QE Identity.</summary>
    public static X509Certificate2 CreateTcbSigning(ECDsa signingKey, X509Certificate2 root, ECDsa rootKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(TcbSigningName, signingKey, HashAlgorithmName.SHA256);
        AddSigningExtensions(request, root);
        return Issue(request, root, rootKey, notBefore, notAfter);
    }

    private static void AddCaExtensions(CertificateRequest request, int pathLength)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: pathLength, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
    }

    private static void AddSigningExtensions(CertificateRequest request, X509Certificate2 issuer)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
    }

    private static X509Certificate2 Issue(CertificateRequest request, X509Certificate2 issuer, ECDsa issuerKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        serial[0] |= 0x01; // and a minimal one: no leading zero byte to be normalised away
        return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notAfter, serial);
    }
}
