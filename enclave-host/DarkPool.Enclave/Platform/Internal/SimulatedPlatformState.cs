using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation;

namespace DarkPool.Enclave.Platform.Internal;

/// <summary>
/// The simulated platform's data folder: the platform secret, the test PKI (keys and certificates), the monotonic
/// counter and the sealing key generation. Created once, secret last, so a folder without a secret is incomplete
/// creation and is created anew; a folder with a secret must be whole and authentic or the platform refuses it.
/// </summary>
internal sealed class SimulatedPlatformState : IDisposable
{
    public const string SecretFile = "platform-secret.bin";
    public const string RootCertificateFile = "root-ca.pem";
    public const string RootKeyFile = "root-ca.key.pem";
    public const string PlatformCaCertificateFile = "platform-ca.pem";
    public const string PlatformCaKeyFile = "platform-ca.key.pem";
    public const string PckCertificateFile = "pck.pem";
    public const string PckKeyFile = "pck.key.pem";
    public const string MonotonicCounterFile = "monotonic-counter.bin";
    public const string SealKeyGenerationFile = "seal-key-generation.bin";

    private static readonly string[] RequiredFiles =
    [
        RootCertificateFile, RootKeyFile, PlatformCaCertificateFile, PlatformCaKeyFile, PckCertificateFile, PckKeyFile,
        MonotonicCounterFile, SealKeyGenerationFile,
    ];

    private SimulatedPlatformState(
        string folder,
        byte[] secret,
        X509Certificate2 root,
        X509Certificate2 platformCa,
        X509Certificate2 pck,
        ECDsa pckKey,
        AuthenticatedCounterFile counter,
        AuthenticatedCounterFile sealKeyGeneration)
    {
        Folder = folder;
        Secret = secret;
        Root = root;
        PlatformCa = platformCa;
        Pck = pck;
        PckKey = pckKey;
        Counter = counter;
        SealKeyGeneration = sealKeyGeneration;
        CertificationData = System.Text.Encoding.ASCII.GetBytes(pck.ExportCertificatePem() + "\n" + platformCa.ExportCertificatePem() + "\n" + root.ExportCertificatePem() + "\n");
    }

    public string Folder { get; }

    public byte[] Secret { get; }

    public X509Certificate2 Root { get; }

    public X509Certificate2 PlatformCa { get; }

    public X509Certificate2 Pck { get; }

    public ECDsa PckKey { get; }

    public AuthenticatedCounterFile Counter { get; }

    public AuthenticatedCounterFile SealKeyGeneration { get; }

    /// <summary>Certification data type 5: PCK leaf, platform CA, root, in PEM.</summary>
    public byte[] CertificationData { get; }

    public string RootCertificatePath => Path.Combine(Folder, RootCertificateFile);

    public static bool TryLoadOrCreate(SimulatedPlatformOptions options, out bool created, [NotNullWhen(true)] out SimulatedPlatformState? state, out PlatformOpenError error)
    {
        string folder = Path.GetFullPath(options.DataFolder);
        created = !File.Exists(Path.Combine(folder, SecretFile));
        if (created)
        {
            Create(folder, options);
        }

        return TryLoad(folder, out state, out error);
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Secret);
        PckKey.Dispose();
        Root.Dispose();
        PlatformCa.Dispose();
        Pck.Dispose();
    }

    private static void Create(string folder, SimulatedPlatformOptions options)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        DateTimeOffset now = options.TimeProvider.GetUtcNow();
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var pckKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 root = SimulatedCertificateAuthority.CreateRoot(rootKey, now, now + options.CaLifetime);
        using X509Certificate2 platformCa = SimulatedCertificateAuthority.CreatePlatformCa(caKey, root, rootKey, now, now + options.CaLifetime);
        using X509Certificate2 pck = SimulatedCertificateAuthority.CreatePck(pckKey, platformCa, caKey, now, now + options.PckLifetime);

        byte[] secret = RandomNumberGenerator.GetBytes(PlatformKeys.SecretSize);
        try
        {
            WriteText(folder, RootKeyFile, rootKey.ExportPkcs8PrivateKeyPem());
            WriteText(folder, RootCertificateFile, root.ExportCertificatePem());
            WriteText(folder, PlatformCaKeyFile, caKey.ExportPkcs8PrivateKeyPem());
            WriteText(folder, PlatformCaCertificateFile, platformCa.ExportCertificatePem());
            WriteText(folder, PckKeyFile, pckKey.ExportPkcs8PrivateKeyPem());
            WriteText(folder, PckCertificateFile, pck.ExportCertificatePem());
            byte[] macKey = PlatformKeys.StateMacKey(secret);
            AuthenticatedCounterFile.Create(Path.Combine(folder, MonotonicCounterFile), macKey, AuthenticatedCounterFile.MonotonicCounterKind, 0);
            AuthenticatedCounterFile.Create(Path.Combine(folder, SealKeyGenerationFile), macKey, AuthenticatedCounterFile.SealKeyGenerationKind, 1);

            // Last: its presence marks the folder as complete.
            DurableFile.Write(Path.Combine(folder, SecretFile), secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static bool TryLoad(string folder, [NotNullWhen(true)] out SimulatedPlatformState? state, out PlatformOpenError error)
    {
        state = null;
        foreach (string file in RequiredFiles)
        {
            if (!File.Exists(Path.Combine(folder, file)))
            {
                error = new PlatformOpenError(PlatformOpenErrorKind.IncompleteState, $"'{Path.Combine(folder, file)}' is missing");
                return false;
            }
        }

        byte[] secret = File.ReadAllBytes(Path.Combine(folder, SecretFile));
        if (secret.Length != PlatformKeys.SecretSize)
        {
            error = new PlatformOpenError(PlatformOpenErrorKind.CorruptState, $"'{Path.Combine(folder, SecretFile)}' is not {PlatformKeys.SecretSize} bytes");
            return false;
        }

        byte[] macKey = PlatformKeys.StateMacKey(secret);
        if (!AuthenticatedCounterFile.TryOpen(Path.Combine(folder, MonotonicCounterFile), macKey, AuthenticatedCounterFile.MonotonicCounterKind, out AuthenticatedCounterFile? counter, out string detail)
            || !AuthenticatedCounterFile.TryOpen(Path.Combine(folder, SealKeyGenerationFile), macKey, AuthenticatedCounterFile.SealKeyGenerationKind, out AuthenticatedCounterFile? generation, out detail))
        {
            error = new PlatformOpenError(PlatformOpenErrorKind.CorruptState, detail);
            return false;
        }

        var loaded = new List<IDisposable>();
        try
        {
            X509Certificate2 root = Track(loaded, X509Certificate2.CreateFromPem(ReadText(folder, RootCertificateFile)));
            X509Certificate2 platformCa = Track(loaded, X509Certificate2.CreateFromPem(ReadText(folder, PlatformCaCertificateFile)));
            X509Certificate2 pck = Track(loaded, X509Certificate2.CreateFromPem(ReadText(folder, PckCertificateFile)));
            ECDsa pckKey = Track(loaded, ECDsa.Create());
            pckKey.ImportFromPem(ReadText(folder, PckKeyFile));
            using ECDsa? certifiedKey = pck.GetECDsaPublicKey();
            if (certifiedKey is null || !EcdsaP256.ExportPublicKey(certifiedKey).AsSpan().SequenceEqual(EcdsaP256.ExportPublicKey(pckKey)))
            {
                error = new PlatformOpenError(PlatformOpenErrorKind.CorruptState, $"'{Path.Combine(folder, PckKeyFile)}' is not the key of the PCK certificate");
                DisposeAll(loaded);
                return false;
            }

            state = new SimulatedPlatformState(folder, secret, root, platformCa, pck, pckKey, counter, generation);
            error = default;
            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            DisposeAll(loaded);
            error = new PlatformOpenError(PlatformOpenErrorKind.CorruptState, $"a certificate or key file in '{folder}' does not parse: {e.Message}");
            return false;
        }
    }

    private static T Track<T>(List<IDisposable> loaded, T item)
        where T : IDisposable
    {
        loaded.Add(item);
        return item;
    }

    private static void DisposeAll(List<IDisposable> loaded)
    {
        foreach (IDisposable item in loaded)
        {
            item.Dispose();
        }
    }

    private static void WriteText(string folder, string file, string text) =>
        DurableFile.Write(Path.Combine(folder, file), System.Text.Encoding.ASCII.GetBytes(text));

    private static string ReadText(string folder, string file) => File.ReadAllText(Path.Combine(folder, file));
}
