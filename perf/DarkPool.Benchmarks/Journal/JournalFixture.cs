using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Platform;
using DarkPool.Host.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace DarkPool.Benchmarks.Journal;

/// <summary>
/// A sealed journal on real files (<see cref="FileDataFolder"/> in a fresh temporary folder, so on the machine's
/// disk with real fsyncs) with the simulated platform's sealing keys and file-backed monotonic counter.
/// </summary>
internal sealed class JournalFixture : IDisposable
{
    private static readonly EnclaveIdentity Identity = new(Sha256Hash.Compute("benchmark enclave"u8), Sha256Hash.Compute("benchmark signer"u8), 1, 1, false);
    private readonly string _root;

    public JournalFixture(JournalOptions? options = null)
    {
        _root = Directory.CreateTempSubdirectory("dp-journal-bench-").FullName;
        Options = options ?? new JournalOptions();
        var platformOptions = new SimulatedPlatformOptions { DataFolder = Path.Combine(_root, "platform") };
        if (!SimulatedPlatform.TryOpen(platformOptions, Identity, NullLogger.Instance, out SimulatedPlatform? platform, out PlatformOpenError error))
        {
            throw new InvalidOperationException(error.Detail);
        }

        Platform = platform;
        Folder = new FileDataFolder(Path.Combine(_root, "journal"));
    }

    public SimulatedPlatform Platform { get; }

    public FileDataFolder Folder { get; }

    public JournalOptions Options { get; }

    /// <summary>Opens (recovers) the journal, feeding <paramref name="target"/>.</summary>
    public SealedJournal Open(IJournalReplayTarget target)
    {
        if (!SealedJournal.TryOpen(Folder, Platform, target, Options, out SealedJournal? journal, out _, out JournalOpenError error))
        {
            throw new InvalidOperationException(error.ToString());
        }

        return journal;
    }

    public void Dispose()
    {
        Platform.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
