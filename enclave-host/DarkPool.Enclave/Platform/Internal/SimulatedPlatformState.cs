using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Collateral;

namespace DarkPool.Enclave.Platform.Internal;

/// <summary>
/// The simulated platform's data folder: the platform secret, the test PKI (<see cref="SimulatedPki"/>), the monotonic
/// counter and the sealing key generation. Created once, secret last, so a folder without a secret is incomplete
/// creation and is created anew; a folder with a secret must be whole and authentic or the platform refuses it.
/// </summary>
internal sealed class SimulatedPlatformState : IDisposable
{
    public const string SecretFile = "platform-secret.bin";
    public const string MonotonicCounterFile = "monotonic-counter.bin";
    public const string SealKeyGenerationFile = "seal-key-generation.bin";

    private static readonly string[] RequiredFiles = [.. SimulatedPki.Files, MonotonicCounterFile, SealKeyGenerationFile];

    private SimulatedPlatformState(
        string folder,
        byte[] secret,
        SimulatedPki pki,
        SgxPckExtension sgx,
        AuthenticatedCounterFile counter,
        AuthenticatedCounterFile sealKeyGeneration)
    {
        Folder = folder;
        Secret = secret;
        Pki = pki;
        Sgx = sgx;
        Counter = counter;
        SealKeyGeneration = sealKeyGeneration;
    }

    public string Folder { get; }

    public byte[] Secret { get; }

    public SimulatedPki Pki { get; }

    /// <summary>What the PCK certificate certifies: PPID, TCB, PCE-ID, FMSPC.</summary>
    public SgxPckExtension Sgx { get; }

    public X509Certificate2 Root => Pki.Root;

    public ECDsa PckKey => Pki.PckKey;

    /// <summary>Certification data type 5: PCK leaf, platform CA, root, in PEM.</summary>
    public byte[] CertificationData => Pki.CertificationData;

    public AuthenticatedCounterFile Counter { get; }

    public AuthenticatedCounterFile SealKeyGeneration { get; }

    public string RootCertificatePath => Path.Combine(Folder, SimulatedPki.RootCertificateFile);

    /// <summary>True when this start issued a new PCK certificate because the configured TCB or FMSPC changed.</summary>
    public bool PckReissued { get; private init; }

    public static bool TryLoadOrCreate(SimulatedPlatformOptions options, out bool created, [NotNullWhen(true)] out SimulatedPlatformState? state, out PlatformOpenError error)
    {
        string folder = Path.GetFullPath(options.DataFolder);
        created = !File.Exists(Path.Combine(folder, SecretFile));
        if (created)
        {
            Create(folder, options);
        }

        return TryLoad(folder, options, out state, out error);
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Secret);
        Pki.Dispose();
    }

    /// <summary>The SGX extension the PCK certificate must carry for this secret and configuration.</summary>
    private static SgxPckExtension SgxFor(ReadOnlySpan<byte> secret, SimulatedPlatformOptions options)
    {
        ReadOnlySpan<byte> cpuSvn = options.CpuSvn.IsEmpty ? new byte[TcbLevel.ComponentCount] : options.CpuSvn.Span;
        ReadOnlySpan<byte> fmspc = options.Fmspc.IsEmpty ? SimulatedPlatformOptions.DefaultFmspc.Span : options.Fmspc.Span;
        return new SgxPckExtension(PlatformKeys.Ppid(secret), cpuSvn, options.PceSecurityVersion, PlatformKeys.PceId, fmspc);
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

        byte[] secret = RandomNumberGenerator.GetBytes(PlatformKeys.SecretSize);
        try
        {
            SimulatedPki.Create(folder, options, SgxFor(secret, options));
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

    private static bool TryLoad(string folder, SimulatedPlatformOptions options, [NotNullWhen(true)] out SimulatedPlatformState? state, out PlatformOpenError error)
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

        SgxPckExtension sgx = SgxFor(secret, options);
        if (!SimulatedPki.TryLoad(folder, options, sgx, out SimulatedPki? pki, out bool reissued, out error))
        {
            return false;
        }

        state = new SimulatedPlatformState(folder, secret, pki, sgx, counter, generation) { PckReissued = reissued };
        return true;
    }
}
