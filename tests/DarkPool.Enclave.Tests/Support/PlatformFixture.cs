using DarkPool.Testing.Shared;
using System.Security.Cryptography;
using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Platform;

namespace DarkPool.Enclave.Tests.Support;

/// <summary>A temporary data folder and the identities tests open the simulated platform with.</summary>
internal sealed class PlatformFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public PlatformFixture()
    {
        DataFolder = Path.Combine(Directory.CreateTempSubdirectory("dp-platform-").FullName, "data");
        Identity = new EnclaveIdentity(Sha256Hash.Compute("enclave build A"u8), SignerIdentity.FromKey(ReleaseKey), 7, 3, false);
    }

    public string DataFolder { get; }

    public ManualTimeProvider Time { get; } = new(Now);

    public ListLogger Logger { get; } = new();

    public ECDsa ReleaseKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public EnclaveIdentity Identity { get; }

    public SimulatedPlatformOptions Options => new() { DataFolder = DataFolder, TimeProvider = Time };

    /// <summary>The fixture's options with <paramref name="collateral"/> as the simulated provisioning service's word.</summary>
    public SimulatedPlatformOptions OptionsWith(SimulatedCollateralOptions collateral) =>
        new() { DataFolder = DataFolder, TimeProvider = Time, Collateral = collateral };

    /// <summary>Opens the platform on the fixture's folder for <paramref name="identity"/> (the fixture's by default).</summary>
    public SimulatedPlatform Open(EnclaveIdentity? identity = null) => Open(Options, identity);

    /// <summary>Opens the platform on the fixture's folder with <paramref name="options"/>.</summary>
    public SimulatedPlatform Open(SimulatedPlatformOptions options, EnclaveIdentity? identity = null)
    {
        Assert.True(SimulatedPlatform.TryOpen(options, identity ?? Identity, Logger, out SimulatedPlatform? platform, out PlatformOpenError error), error.Detail);
        return platform;
    }

    public void Dispose()
    {
        ReleaseKey.Dispose();
        Directory.Delete(Path.GetDirectoryName(DataFolder)!, recursive: true);
    }
}
