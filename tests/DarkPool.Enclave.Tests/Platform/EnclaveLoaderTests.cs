using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Measurement;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Tests.Support;

namespace DarkPool.Enclave.Tests.Platform;

public sealed class EnclaveLoaderTests : IDisposable
{
    private readonly PlatformFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void TryLoadIdentity_ManifestSignedForMeasuredBuild_GrantsManifestIdentity()
    {
        Sha256Hash measurement = MeasureTestOutput();
        byte[] manifest = EnclaveManifest.Sign(measurement, 7, 3, debug: false, _fixture.ReleaseKey);

        Assert.True(EnclaveLoader.TryLoadIdentity(AppContext.BaseDirectory, manifest, out EnclaveIdentity? identity, out EnclaveLoadError error), error.Detail);
        Assert.Equal(new EnclaveIdentity(measurement, SignerIdentity.FromKey(_fixture.ReleaseKey), 7, 3, false), identity);
    }

    [Fact]
    public void TryLoadIdentity_MeasuredBuild_CoversEnclaveAttestationAndPackageAssemblies()
    {
        Assert.True(MeasurementCalculator.TryMeasure(AppContext.BaseDirectory, EnclaveLoader.EnclaveAssemblyFileName, out MeasurementReport? report, out _));

        string[] names = report.Files.Select(f => f.FileName).ToArray();
        Assert.Contains("DarkPool.Enclave.dll", names);
        Assert.Contains("DarkPool.Attestation.dll", names);
        Assert.Contains("Microsoft.Extensions.Logging.Abstractions.dll", names);
        Assert.DoesNotContain(names, n => n.Contains("Tests", StringComparison.Ordinal) || n.StartsWith("xunit", StringComparison.Ordinal));
    }

    [Fact]
    public void TryLoadIdentity_ManifestForOtherCode_FailsMeasurementMismatch()
    {
        byte[] manifest = EnclaveManifest.Sign(Sha256Hash.Compute("other code"u8), 7, 3, debug: false, _fixture.ReleaseKey);

        Assert.False(EnclaveLoader.TryLoadIdentity(AppContext.BaseDirectory, manifest, out _, out EnclaveLoadError error));
        Assert.Equal(EnclaveLoadErrorKind.MeasurementMismatch, error.Kind);
    }

    [Fact]
    public void TryLoadIdentity_ManifestWithBrokenSignature_FailsInvalidManifest()
    {
        byte[] manifest = EnclaveManifest.Sign(MeasureTestOutput(), 7, 3, debug: false, _fixture.ReleaseKey);
        manifest[^1] ^= 0x01;

        Assert.False(EnclaveLoader.TryLoadIdentity(AppContext.BaseDirectory, manifest, out _, out EnclaveLoadError error));
        Assert.Equal(EnclaveLoadErrorKind.InvalidManifest, error.Kind);
    }

    [Fact]
    public void TryLoadIdentity_FolderWithoutEnclave_FailsMeasurementFailed()
    {
        byte[] manifest = EnclaveManifest.Sign(MeasureTestOutput(), 7, 3, debug: false, _fixture.ReleaseKey);

        Assert.False(EnclaveLoader.TryLoadIdentity(Path.GetDirectoryName(_fixture.DataFolder)!, manifest, out _, out EnclaveLoadError error));
        Assert.Equal(EnclaveLoadErrorKind.MeasurementFailed, error.Kind);
    }

    private static Sha256Hash MeasureTestOutput()
    {
        Assert.True(MeasurementCalculator.TryMeasure(AppContext.BaseDirectory, EnclaveLoader.EnclaveAssemblyFileName, out MeasurementReport? report, out MeasurementError error), error.Detail);
        return report.Measurement;
    }
}
