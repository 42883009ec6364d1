using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation;
using DarkPool.Attestation.Collateral;

namespace DarkPool.Enclave.Platform.Internal;

/// <summary>
/// The simulated platform's test PKI in its data folder: root CA, PCK CA, PCK leaf and TCB signing certificate, each
/// with its PKCS#8 key. Every key must match its certificate. The PCK certificate certifies the platform's TCB: when
/// the configured CPUSVN, PCESVN or FMSPC differ from the stored certificate's, a new one is issued for the same key
/// (as Intel issues a new PCK certificate after a TCB recovery).
/// </summary>
internal sealed class SimulatedPki : IDisposable
{
    public const string RootCertificateFile = "root-ca.pem";
    public const string RootKeyFile = "root-ca.key.pem";
    public const string PlatformCaCertificateFile = "platform-ca.pem";
    public const string PlatformCaKeyFile = "platform-ca.key.pem";
    public const string PckCertificateFile = "pck.pem";
    public const string PckKeyFile = "pck.key.pem";
    public const string TcbSigningCertificateFile = "tcb-signing.pem";
    public const string TcbSigningKeyFile = "tcb-signing.key.pem";

    public static readonly string[] Files =
    [
        RootCertificateFile, RootKeyFile, PlatformCaCertificateFile, PlatformCaKeyFile, PckCertificateFile, PckKeyFile,
        TcbSigningCertificateFile, TcbSigningKeyFile,
    ];

    private readonly (X509Certificate2 Certificate, ECDsa Key)[] _pairs;

    private SimulatedPki((X509Certificate2 Certificate, ECDsa Key)[] pairs)
    {
        _pairs = pairs;
        CertificationData = System.Text.Encoding.ASCII.GetBytes(CollateralIssuer.PemChain(Pck, PlatformCa, Root));
    }

    public X509Certificate2 Root => _pairs[0].Certificate;

    public X509Certificate2 PlatformCa => _pairs[1].Certificate;

    public X509Certificate2 Pck => _pairs[2].Certificate;

    public ECDsa PckKey => _pairs[2].Key;

    /// <summary>Certification data type 5: PCK leaf, platform CA, root, in PEM.</summary>
    public byte[] CertificationData { get; }

    public static void Create(string folder, SimulatedPlatformOptions options, SgxPckExtension sgx)
    {
        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var pckKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var tcbKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 root = SimulatedCertificateAuthority.CreateRoot(rootKey, now, now + options.CaLifetime);
        using X509Certificate2 platformCa = SimulatedCertificateAuthority.CreatePlatformCa(caKey, root, rootKey, now, now + options.CaLifetime);
        using X509Certificate2 pck = SimulatedCertificateAuthority.CreatePck(pckKey, sgx, platformCa, caKey, now, now + options.PckLifetime);
        using X509Certificate2 tcbSigning = SimulatedCertificateAuthority.CreateTcbSigning(tcbKey, root, rootKey, now, now + options.TcbSigningLifetime);
        Write(folder, RootKeyFile, rootKey.ExportPkcs8PrivateKeyPem());
        Write(folder, RootCertificateFile, root.ExportCertificatePem());
        Write(folder, PlatformCaKeyFile, caKey.ExportPkcs8PrivateKeyPem());
        Write(folder, PlatformCaCertificateFile, platformCa.ExportCertificatePem());
        Write(folder, PckKeyFile, pckKey.ExportPkcs8PrivateKeyPem());
        Write(folder, PckCertificateFile, pck.ExportCertificatePem());
        Write(folder, TcbSigningKeyFile, tcbKey.ExportPkcs8PrivateKeyPem());
        Write(folder, TcbSigningCertificateFile, tcbSigning.ExportCertificatePem());
    }

    /// <summary>Loads the PKI; <paramref name="pckReissued"/> says the PCK certificate was re-issued for <paramref name="sgx"/>.</summary>
    public static bool TryLoad(
        string folder,
        SimulatedPlatformOptions options,
        SgxPckExtension sgx,
        [NotNullWhen(true)] out SimulatedPki? pki,
        out bool pckReissued,
        out PlatformOpenError error)
    {
        pki = null;
        pckReissued = false;
        var pairs = new List<(X509Certificate2 Certificate, ECDsa Key)>(4);
        try
        {
            foreach ((string certificateFile, string keyFile) in new[]
            {
                (RootCertificateFile, RootKeyFile), (PlatformCaCertificateFile, PlatformCaKeyFile),
                (PckCertificateFile, PckKeyFile), (TcbSigningCertificateFile, TcbSigningKeyFile),
            })
            {
                if (!TryLoadPair(folder, certificateFile, keyFile, pairs, out error))
                {
                    DisposeAll(pairs);
                    return false;
                }
            }

            if (!SgxPckExtension.TryRead(pairs[2].Certificate, out SgxPckExtension? stored, out _) || !stored.Encode().AsSpan().SequenceEqual(sgx.Encode()))
            {
                DateTimeOffset now = options.TimeProvider.GetUtcNow();
                X509Certificate2 reissued = SimulatedCertificateAuthority.CreatePck(pairs[2].Key, sgx, pairs[1].Certificate, pairs[1].Key, now, now + options.PckLifetime);
                Write(folder, PckCertificateFile, reissued.ExportCertificatePem());
                pairs[2].Certificate.Dispose();
                pairs[2] = (reissued, pairs[2].Key);
                pckReissued = true;
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            DisposeAll(pairs);
            error = new PlatformOpenError(PlatformOpenErrorKind.CorruptState, $"a certificate or key file in '{folder}' does not parse: {e.Message}");
            return false;
        }

        pki = new SimulatedPki([.. pairs]);
        error = default;
        return true;
    }

    /// <summary>The stand-in for Intel's provisioning service, signing with this hierarchy's keys.</summary>
    public CollateralIssuer CreateIssuer() =>
        new(Root, _pairs[0].Key, PlatformCa, _pairs[1].Key, _pairs[3].Certificate, _pairs[3].Key);

    public void Dispose() => DisposeAll(_pairs);

    private static bool TryLoadPair(string folder, string certificateFile, string keyFile, List<(X509Certificate2, ECDsa)> pairs, out PlatformOpenError error)
    {
        X509Certificate2 certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(folder, certificateFile)));
        var key = ECDsa.Create();
        pairs.Add((certificate, key));
        key.ImportFromPem(File.ReadAllText(Path.Combine(folder, keyFile)));
        using ECDsa? certified = certificate.GetECDsaPublicKey();
        if (certified is null || !EcdsaP256.ExportPublicKey(certified).AsSpan().SequenceEqual(EcdsaP256.ExportPublicKey(key)))
        {
            error = new PlatformOpenError(PlatformOpenErrorKind.CorruptState, $"'{Path.Combine(folder, keyFile)}' is not the key of '{certificateFile}'");
            return false;
        }

        error = default;
        return true;
    }

    private static void DisposeAll(IEnumerable<(X509Certificate2 Certificate, ECDsa Key)> pairs)
    {
        foreach ((X509Certificate2 certificate, ECDsa key) in pairs)
        {
            certificate.Dispose();
            key.Dispose();
        }
    }

    private static void Write(string folder, string file, string text) =>
        DurableFile.Write(Path.Combine(folder, file), System.Text.Encoding.ASCII.GetBytes(text));
}
