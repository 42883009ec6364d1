using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Tests.Support;

namespace DarkPool.Enclave.Tests.Platform;

/// <summary>
/// The data folder belongs to one open platform at a time, and is created only when it is new: a folder that lost its
/// secret is refused rather than rebuilt over its root, keys and counter.
/// </summary>
public sealed class DataFolderTests : IDisposable
{
    private static readonly string[] KeyFiles = ["root-ca.key.pem", "platform-ca.key.pem", "pck.key.pem", "tcb-signing.key.pem"];

    private readonly PlatformFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void TryOpen_FolderAlreadyOpen_FailsInUseUntilTheFirstIsDisposed()
    {
        using (SimulatedPlatform first = _fixture.Open())
        {
            Assert.Equal(1UL, first.IncrementMonotonicCounter());

            Assert.False(SimulatedPlatform.TryOpen(_fixture.Options, _fixture.Identity, _fixture.Logger, out SimulatedPlatform? second, out PlatformOpenError error));

            Assert.Null(second);
            Assert.Equal(PlatformOpenErrorKind.InUse, error.Kind);
            Assert.Contains("platform.lock", error.Detail, StringComparison.Ordinal);
            Assert.Contains(_fixture.Logger.Lines, l => l.Event.Id == 4 && l.Message.Contains(nameof(PlatformOpenErrorKind.InUse), StringComparison.Ordinal));

            // The refused open changed nothing the first platform holds.
            Assert.Equal(2UL, first.IncrementMonotonicCounter());
            Assert.Equal(2u, first.RotateSealKeyGeneration());
        }

        using SimulatedPlatform reopened = _fixture.Open();
        Assert.Equal(2UL, reopened.ReadMonotonicCounter());
        Assert.Equal(2u, reopened.SealKeyGeneration);
        Assert.Equal(3UL, reopened.IncrementMonotonicCounter());
    }

    [Fact]
    public void TryOpen_FolderOpenForAnotherIdentity_FailsInUse()
    {
        using SimulatedPlatform first = _fixture.Open();

        bool opened = SimulatedPlatform.TryOpen(
            _fixture.Options,
            _fixture.Identity with { MrEnclave = Sha256Hash.Compute("enclave build B"u8), SecurityVersion = 4 },
            _fixture.Logger,
            out SimulatedPlatform? second,
            out PlatformOpenError error);

        second?.Dispose();
        Assert.False(opened);
        Assert.Equal(PlatformOpenErrorKind.InUse, error.Kind);
    }

    [Fact]
    public void TryOpen_SecretDeleted_FailsSecretMissingAndLeavesTheStateAsItWas()
    {
        using (SimulatedPlatform first = _fixture.Open())
        {
            first.IncrementMonotonicCounter();
            first.RotateSealKeyGeneration();
        }

        File.Delete(Path.Combine(_fixture.DataFolder, "platform-secret.bin"));
        Dictionary<string, byte[]> before = Snapshot();

        Assert.False(SimulatedPlatform.TryOpen(_fixture.Options, _fixture.Identity, _fixture.Logger, out SimulatedPlatform? platform, out PlatformOpenError error));

        Assert.Null(platform);
        Assert.Equal(PlatformOpenErrorKind.SecretMissing, error.Kind);
        Assert.Contains("platform-secret.bin", error.Detail, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_fixture.DataFolder, "platform-secret.bin")));
        Dictionary<string, byte[]> after = Snapshot();
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(before, file => Assert.Equal(file.Value, after[file.Key]));
        Assert.Single(_fixture.Logger.Lines, l => l.Event.Id == 3); // the first open's creation only
    }

    [Fact]
    public void TryOpen_SecretDeleted_LogsTheRefusalWithoutKeyMaterial()
    {
        _fixture.Open().Dispose();
        File.Delete(Path.Combine(_fixture.DataFolder, "platform-secret.bin"));

        Assert.False(SimulatedPlatform.TryOpen(_fixture.Options, _fixture.Identity, _fixture.Logger, out _, out _));

        string[] keyBodies = KeyFiles.Select(f => File.ReadAllLines(Path.Combine(_fixture.DataFolder, f))[1]).ToArray();
        Assert.Contains(_fixture.Logger.Lines, l => l.Event.Id == 4 && l.Message.Contains(nameof(PlatformOpenErrorKind.SecretMissing), StringComparison.Ordinal));
        Assert.All(_fixture.Logger.Lines, line =>
        {
            Assert.DoesNotContain("PRIVATE KEY", line.Message, StringComparison.Ordinal);
            Assert.All(keyBodies, body => Assert.DoesNotContain(body, line.Message, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void TryOpen_FolderWithOtherFilesButNoSecret_FailsSecretMissingAndWritesNoState()
    {
        Directory.CreateDirectory(_fixture.DataFolder);
        File.WriteAllText(Path.Combine(_fixture.DataFolder, "notes.txt"), "not platform state");

        Assert.False(SimulatedPlatform.TryOpen(_fixture.Options, _fixture.Identity, _fixture.Logger, out _, out PlatformOpenError error));

        Assert.Equal(PlatformOpenErrorKind.SecretMissing, error.Kind);
        Assert.Contains("notes.txt", error.Detail, StringComparison.Ordinal);
        Assert.Equal(["notes.txt", "platform.lock"], Directory.GetFiles(_fixture.DataFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TryOpen_EmptyExistingFolder_CreatesTheState()
    {
        Directory.CreateDirectory(_fixture.DataFolder);

        using SimulatedPlatform platform = _fixture.Open();

        Assert.True(File.Exists(Path.Combine(_fixture.DataFolder, "platform-secret.bin")));
        Assert.False(File.Exists(Path.Combine(_fixture.DataFolder, "creation-in-progress")));
        Assert.Single(_fixture.Logger.Lines, l => l.Event.Id == 3);
    }

    [Fact]
    public void TryOpen_CreationInterruptedBeforeTheSecret_CreatesTheStateAnew()
    {
        Directory.CreateDirectory(_fixture.DataFolder);
        File.WriteAllBytes(Path.Combine(_fixture.DataFolder, "creation-in-progress"), []);
        File.WriteAllText(Path.Combine(_fixture.DataFolder, "root-ca.pem"), "-----BEGIN CERTIFICATE-----\ntorn");
        File.WriteAllBytes(Path.Combine(_fixture.DataFolder, "root-ca.key.pem.tmp"), [1, 2, 3]);

        using SimulatedPlatform platform = _fixture.Open();

        Assert.True(SimulatedCertificates.IsSimulated(platform.RootCertificate));
        Assert.Equal(0UL, platform.ReadMonotonicCounter());
        Assert.False(File.Exists(Path.Combine(_fixture.DataFolder, "creation-in-progress")));
        Assert.Single(_fixture.Logger.Lines, l => l.Event.Id == 3);
    }

    [Fact]
    public void TryOpen_CreationMarkerLeftAfterTheSecret_KeepsTheState()
    {
        byte[] root;
        using (SimulatedPlatform first = _fixture.Open())
        {
            root = first.RootCertificate.RawData;
            first.IncrementMonotonicCounter();
        }

        File.WriteAllBytes(Path.Combine(_fixture.DataFolder, "creation-in-progress"), []);

        using SimulatedPlatform second = _fixture.Open();
        Assert.Equal(root, second.RootCertificate.RawData);
        Assert.Equal(1UL, second.ReadMonotonicCounter());
        Assert.False(File.Exists(Path.Combine(_fixture.DataFolder, "creation-in-progress")));
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndReleasesTheFolder()
    {
        SimulatedPlatform platform = _fixture.Open();
        platform.Dispose();
        platform.Dispose();

        using SimulatedPlatform reopened = _fixture.Open();
        Assert.Equal(0UL, reopened.ReadMonotonicCounter());
    }

    private Dictionary<string, byte[]> Snapshot() =>
        Directory.GetFiles(_fixture.DataFolder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
}
