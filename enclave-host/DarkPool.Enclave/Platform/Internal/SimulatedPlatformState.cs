using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Collateral;

namespace DarkPool.Enclave.Platform.Internal;

/// <summary>
/// The simulated platform's data folder: the platform secret, the test PKI (<see cref="SimulatedPki"/>), the monotonic
/// counter and the sealing key generation, held by one open platform at a time (<see cref="DataFolderLock"/>). Only a
/// new or empty folder is created; the secret is written last, and a creation marker written first tells an interrupted
/// creation (created anew) from a folder that lost its secret (refused: creating it anew would replace the root and the
/// keys and reset the counter). A folder with a secret must be whole and authentic or the platform refuses it.
/// </summary>
internal sealed class SimulatedPlatformState : IDisposable
{
    public const string SecretFile = "platform-secret.bin";
    public const string MonotonicCounterFile = "monotonic-counter.bin";
    public const string SealKeyGenerationFile = "seal-key-generation.bin";

    /// <summary>Exists only while the folder is being created: from before the first state file until after the secret.</summary>
    public const string CreationMarkerFile = "creation-in-progress";

    private static readonly string[] RequiredFiles = [.. SimulatedPki.Files, MonotonicCounterFile, SealKeyGenerationFile];

    private readonly DataFolderLock _folderLock;

    private SimulatedPlatformState(
        string folder,
        DataFolderLock folderLock,
        byte[] secret,
        SimulatedPki pki,
        SgxPckExtension sgx,
        AuthenticatedCounterFile counter,
        AuthenticatedCounterFile sealKeyGeneration)
    {
        Folder = folder;
        _folderLock = folderLock;
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

    /// <summary>
    /// Locks the folder, creates its state when the folder is new or empty (or its creation was interrupted), and loads
    /// it. On success the state holds the lock until disposed; on failure the lock is released.
    /// </summary>
    public static bool TryLoadOrCreate(SimulatedPlatformOptions options, out bool created, [NotNullWhen(true)] out SimulatedPlatformState? state, out PlatformOpenError error)
    {
        string folder = Path.GetFullPath(options.DataFolder);
        created = false;
        state = null;
        CreateFolder(folder);
        if (!DataFolderLock.TryAcquire(folder, out DataFolderLock? folderLock, out error))
        {
            return false;
        }

        try
        {
            string secretPath = Path.Combine(folder, SecretFile);
            string markerPath = Path.Combine(folder, CreationMarkerFile);
            if (!File.Exists(secretPath))
            {
                if (!File.Exists(markerPath) && FirstForeignEntry(folder) is { } existing)
                {
                    error = new PlatformOpenError(
                        PlatformOpenErrorKind.SecretMissing,
                        $"'{secretPath}' is missing but the folder is not empty (it holds '{existing}'); creating the platform anew would "
                        + "replace its test root and keys and reset its counter: restore the secret, or delete the folder to start over");
                    return false;
                }

                Create(folder, options);
                created = true;
            }
            else if (File.Exists(markerPath))
            {
                // The secret is written last, so creation finished and only the marker's removal was lost.
                File.Delete(markerPath);
            }

            return TryLoad(folder, options, folderLock, out state, out error);
        }
        finally
        {
            if (state is null)
            {
                folderLock.Dispose();
            }
        }
    }

    public void Dispose()
    {
        Counter.Close();
        SealKeyGeneration.Close();
        CryptographicOperations.ZeroMemory(Secret);
        Pki.Dispose();

        // Last: another platform may open the folder only once this one can no longer write to it.
        _folderLock.Dispose();
    }

    /// <summary>The SGX extension the PCK certificate must carry for this secret and configuration.</summary>
    private static SgxPckExtension SgxFor(ReadOnlySpan<byte> secret, SimulatedPlatformOptions options)
    {
        ReadOnlySpan<byte> cpuSvn = options.CpuSvn.IsEmpty ? new byte[TcbLevel.ComponentCount] : options.CpuSvn.Span;
        ReadOnlySpan<byte> fmspc = options.Fmspc.IsEmpty ? SimulatedPlatformOptions.DefaultFmspc.Span : options.Fmspc.Span;
        return new SgxPckExtension(PlatformKeys.Ppid(secret), cpuSvn, options.PceSecurityVersion, PlatformKeys.PceId, fmspc);
    }

    private static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// The first entry of a folder without a secret that is not the lock file or the temporary file of a creation marker
    /// lost in a crash; such a folder is new and may be created.
    /// </summary>
    private static string? FirstForeignEntry(string folder) =>
        Directory.EnumerateFileSystemEntries(folder)
            .Select(Path.GetFileName)
            .Where(name => name is not (DataFolderLock.FileName or CreationMarkerFile + ".tmp"))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();

    private static void Create(string folder, SimulatedPlatformOptions options)
    {
        // First: while the marker exists, a folder without a secret is this creation, interrupted, and may be made anew.
        string marker = Path.Combine(folder, CreationMarkerFile);
        DurableFile.Write(marker, ReadOnlySpan<byte>.Empty);
        byte[] secret = RandomNumberGenerator.GetBytes(PlatformKeys.SecretSize);
        byte[] macKey = PlatformKeys.StateMacKey(secret);
        try
        {
            SimulatedPki.Create(folder, options, SgxFor(secret, options));
            AuthenticatedCounterFile.Create(Path.Combine(folder, MonotonicCounterFile), macKey, AuthenticatedCounterFile.MonotonicCounterKind, 0);
            AuthenticatedCounterFile.Create(Path.Combine(folder, SealKeyGenerationFile), macKey, AuthenticatedCounterFile.SealKeyGenerationKind, 1);

            // Last: its presence marks the folder as complete.
            DurableFile.Write(Path.Combine(folder, SecretFile), secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(macKey);
        }

        File.Delete(marker);
        DurableFile.SyncDirectory(folder);
    }

    private static bool TryLoad(
        string folder,
        SimulatedPlatformOptions options,
        DataFolderLock folderLock,
        [NotNullWhen(true)] out SimulatedPlatformState? state,
        out PlatformOpenError error)
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
            CryptographicOperations.ZeroMemory(secret);
            error = new PlatformOpenError(PlatformOpenErrorKind.CorruptState, $"'{Path.Combine(folder, SecretFile)}' is not {PlatformKeys.SecretSize} bytes");
            return false;
        }

        byte[] macKey = PlatformKeys.StateMacKey(secret);
        AuthenticatedCounterFile? counter;
        AuthenticatedCounterFile? generation;
        try
        {
            if (!AuthenticatedCounterFile.TryOpen(Path.Combine(folder, MonotonicCounterFile), macKey, AuthenticatedCounterFile.MonotonicCounterKind, out counter, out string detail)
                || !AuthenticatedCounterFile.TryOpen(Path.Combine(folder, SealKeyGenerationFile), macKey, AuthenticatedCounterFile.SealKeyGenerationKind, out generation, out detail))
            {
                CryptographicOperations.ZeroMemory(secret);
                error = new PlatformOpenError(PlatformOpenErrorKind.CorruptState, detail);
                return false;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(macKey);
        }

        SgxPckExtension sgx = SgxFor(secret, options);
        if (!SimulatedPki.TryLoad(folder, options, sgx, out SimulatedPki? pki, out bool reissued, out error))
        {
            CryptographicOperations.ZeroMemory(secret);
            return false;
        }

        state = new SimulatedPlatformState(folder, folderLock, secret, pki, sgx, counter, generation) { PckReissued = reissued };
        return true;
    }
}
