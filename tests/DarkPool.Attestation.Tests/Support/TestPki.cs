using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DarkPool.Attestation.Collateral;

namespace DarkPool.Attestation.Tests.Support;

/// <summary>
/// A root, an intermediate, a PCK-like leaf (with Intel's SGX extension unless told otherwise) and a TCB signing
/// certificate, each P-256, made for one test.
/// </summary>
internal sealed class TestPki : IDisposable
{
    public static readonly byte[] Fmspc = [0x00, 0x90, 0x6E, 0xD5, 0x00, 0x00];

    public static readonly byte[] PceId = [0x00, 0x00];

    private TestPki(
        ECDsa rootKey,
        X509Certificate2 root,
        ECDsa caKey,
        X509Certificate2 intermediate,
        ECDsa leafKey,
        X509Certificate2 leaf,
        ECDsa tcbSigningKey,
        X509Certificate2 tcbSigning)
    {
        TcbSigningKey = tcbSigningKey;
        TcbSigning = tcbSigning;
        Issuer = new CollateralIssuer(root, rootKey, intermediate, caKey, tcbSigning, tcbSigningKey);
        RootKey = rootKey;
        Root = root;
        CaKey = caKey;
        Intermediate = intermediate;
        LeafKey = leafKey;
        Leaf = leaf;
    }

    public ECDsa RootKey { get; }

    public X509Certificate2 Root { get; }

    public ECDsa CaKey { get; }

    public X509Certificate2 Intermediate { get; }

    public ECDsa LeafKey { get; }

    public X509Certificate2 Leaf { get; }

    public ECDsa TcbSigningKey { get; }

    public X509Certificate2 TcbSigning { get; }

    /// <summary>Signs collateral with this hierarchy's keys.</summary>
    public CollateralIssuer Issuer { get; }

    /// <summary>Certification data type 5: leaf, intermediate, root in PEM, ending with a NUL as Intel's does.</summary>
    public byte[] CertificationData => ChainPem(Leaf, Intermediate, Root);

    public static TestPki Create(DateTimeOffset now, PkiOptions? options = null)
    {
        options ??= new PkiOptions();
        var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var rootRequest = new CertificateRequest(options.RootName, rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(options.RootIsCa, options.RootIsCa, 1, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(options.RootUsage, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        X509Certificate2 root = rootRequest.CreateSelfSigned(now.AddDays(-10), now + options.RootNotAfter);

        var caRequest = new CertificateRequest("CN=Test SGX PCK Platform CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(options.IntermediateIsCa, options.IntermediateIsCa, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(options.IntermediateUsage, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        X509Certificate2 intermediate = Issue(caRequest, root, rootKey, now.AddDays(-10), now + options.IntermediateNotAfter);

        var leafRequest = new CertificateRequest("CN=Test SGX PCK Certificate", leafKey, HashAlgorithmName.SHA256);
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(options.LeafIsCa, options.LeafIsCa, 0, true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(options.LeafUsage, true));
        if (options.LeafHasSgxExtension)
        {
            byte[] ppid = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
            leafRequest.CertificateExtensions.Add(new SgxPckExtension(ppid, options.CpuSvn, options.PceSvn, PceId, Fmspc).ToExtension());
        }

        X509Certificate2 leaf = Issue(leafRequest, intermediate, caKey, now + options.LeafNotBefore, now + options.LeafNotAfter);

        var tcbSigningKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var tcbRequest = new CertificateRequest("CN=Test SGX TCB Signing", tcbSigningKey, HashAlgorithmName.SHA256);
        tcbRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        tcbRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        X509Certificate2 tcbSigning = Issue(tcbRequest, root, rootKey, now.AddDays(-10), now + options.TcbSigningNotAfter);
        return new TestPki(rootKey, root, caKey, intermediate, leafKey, leaf, tcbSigningKey, tcbSigning);
    }

    public static byte[] ChainPem(params X509Certificate2[] certificates)
    {
        var text = new StringBuilder();
        foreach (X509Certificate2 certificate in certificates)
        {
            text.Append(certificate.ExportCertificatePem()).Append('\n');
        }

        text.Append('\0');
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// A PCK-like leaf for the key of <paramref name="request"/> (any algorithm), issued by this hierarchy's intermediate and
    /// valid from a day before <paramref name="now"/> for a year, with the normal leaf's constraints and usages.
    /// </summary>
    public X509Certificate2 IssueLeaf(CertificateRequest request, DateTimeOffset now)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        return Issue(request, Intermediate, CaKey, now.AddDays(-1), now.AddDays(365));
    }

    public void Dispose()
    {
        RootKey.Dispose();
        CaKey.Dispose();
        LeafKey.Dispose();
        Root.Dispose();
        Intermediate.Dispose();
        Leaf.Dispose();
        TcbSigningKey.Dispose();
        TcbSigning.Dispose();
    }

    private static X509Certificate2 Issue(CertificateRequest request, X509Certificate2 issuer, ECDsa issuerKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notAfter, serial);
    }
}
