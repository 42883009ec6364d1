using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Sealing;
using DarkPool.Enclave.Tests.Support;

namespace DarkPool.Enclave.Tests.Sealing;

public sealed class SealerTests : IDisposable
{
    private static readonly byte[] Secret = "balances and resting orders"u8.ToArray();
    private static readonly byte[] Context = "snapshot"u8.ToArray();

    private readonly PlatformFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(SealPolicy.Unique, 0)]
    [InlineData(SealPolicy.Unique, 27)]
    [InlineData(SealPolicy.Product, 1)]
    [InlineData(SealPolicy.Product, 70_000)]
    public void Seal_ThenUnseal_RoundTrips(SealPolicy policy, int length)
    {
        byte[] data = Enumerable.Range(0, length).Select(i => (byte)(i * 31)).ToArray();
        using SimulatedPlatform platform = _fixture.Open();
        var sealer = new Sealer(platform);

        byte[] blob = sealer.Seal(policy, data, Context);

        Assert.True(sealer.TryUnseal(blob, policy, Context, out byte[]? opened, out UnsealError error), error.ToString());
        Assert.Equal(data, opened);
        Assert.Equal(SealedBlobLayout.HeaderSize + length + SealedBlobLayout.TagSize, blob.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(70_000)]
    public void SealInPlace_PlaintextAtItsOffset_BecomesABlobThatUnsealsLikeAnyOther_AndTheClearTextIsGone(int length)
    {
        byte[] data = Enumerable.Range(0, length).Select(i => (byte)((i * 7) + 1)).ToArray();
        using SimulatedPlatform platform = _fixture.Open();
        var sealer = new Sealer(platform);
        var blob = new byte[Sealer.SealedSize(length)];
        data.CopyTo(blob, Sealer.PlaintextOffset);

        sealer.SealInPlace(SealPolicy.Product, blob, Context);

        Assert.True(sealer.TryUnseal(blob, SealPolicy.Product, Context, out byte[]? opened, out UnsealError error), error.ToString());
        Assert.Equal(data, opened);
        if (length > 0)
        {
            Assert.NotEqual(data, blob.AsSpan(Sealer.PlaintextOffset, length).ToArray());
        }

        Assert.Equal(sealer.Seal(SealPolicy.Product, data, Context).Length, blob.Length);
        Assert.Throws<ArgumentException>(() => sealer.SealInPlace(SealPolicy.Product, new byte[Sealer.SealedSize(0) - 1], Context));
    }

    [Fact]
    public void Seal_SameDataTwice_GivesDifferentBlobs()
    {
        using SimulatedPlatform platform = _fixture.Open();
        var sealer = new Sealer(platform);

        Assert.NotEqual(sealer.Seal(SealPolicy.Unique, Secret, Context), sealer.Seal(SealPolicy.Unique, Secret, Context));
    }

    [Fact]
    public void Seal_Always_WritesVersionedHeader()
    {
        using SimulatedPlatform platform = _fixture.Open();

        byte[] blob = new Sealer(platform).Seal(SealPolicy.Product, Secret, Context);

        Assert.True(SealedBlobHeader.TryRead(blob, out SealedBlobHeader header, out _));
        Assert.Equal(new SealedBlobHeader(SealPolicy.Product, 1, 3, Secret.Length), header);
        Assert.Equal("DPSB"u8.ToArray(), blob[..4]);
    }

    [Fact]
    public void TryUnseal_ExpectingOtherPolicy_FailsPolicyMismatch()
    {
        using SimulatedPlatform platform = _fixture.Open();
        var sealer = new Sealer(platform);
        byte[] blob = sealer.Seal(SealPolicy.Product, Secret, Context);

        Assert.False(sealer.TryUnseal(blob, SealPolicy.Unique, Context, out byte[]? opened, out UnsealError error));
        Assert.Equal(UnsealError.PolicyMismatch, error);
        Assert.Null(opened);
    }

    [Fact]
    public void TryUnseal_OtherContext_FailsAuthenticationFailed()
    {
        using SimulatedPlatform platform = _fixture.Open();
        var sealer = new Sealer(platform);
        byte[] blob = sealer.Seal(SealPolicy.Unique, Secret, Context);

        Assert.False(sealer.TryUnseal(blob, SealPolicy.Unique, "journal"u8, out _, out UnsealError error));
        Assert.Equal(UnsealError.AuthenticationFailed, error);
    }

    [Fact]
    public void TryUnseal_UniqueBlobByAnotherMeasurement_FailsAuthenticationFailed()
    {
        byte[] blob = SealWith(_fixture.Identity, SealPolicy.Unique);

        UnsealError error = UnsealWith(_fixture.Identity with { MrEnclave = Sha256Hash.Compute("enclave build B"u8) }, SealPolicy.Unique, blob);

        Assert.Equal(UnsealError.AuthenticationFailed, error);
    }

    [Fact]
    public void TryUnseal_UniqueBlobByNewerBuild_FailsAuthenticationFailed()
    {
        byte[] blob = SealWith(_fixture.Identity, SealPolicy.Unique);

        UnsealError error = UnsealWith(_fixture.Identity with { MrEnclave = Sha256Hash.Compute("enclave build B"u8), SecurityVersion = 4 }, SealPolicy.Unique, blob);

        Assert.Equal(UnsealError.AuthenticationFailed, error);
    }

    [Fact]
    public void TryUnseal_UniqueBlobByDebugBuildOfSameCode_FailsAuthenticationFailed()
    {
        byte[] blob = SealWith(_fixture.Identity, SealPolicy.Unique);

        Assert.Equal(UnsealError.AuthenticationFailed, UnsealWith(_fixture.Identity with { Debug = true }, SealPolicy.Unique, blob));
    }

    [Fact]
    public void TryUnseal_ProductBlobByNewerBuildOfSameProduct_RoundTrips()
    {
        byte[] blob = SealWith(_fixture.Identity, SealPolicy.Product);

        UnsealError error = UnsealWith(_fixture.Identity with { MrEnclave = Sha256Hash.Compute("enclave build B"u8), SecurityVersion = 4 }, SealPolicy.Product, blob);

        Assert.Equal(UnsealError.None, error);
    }

    [Fact]
    public void TryUnseal_ProductBlobByOlderBuild_FailsSecurityVersionTooNew()
    {
        EnclaveIdentity newer = _fixture.Identity with { MrEnclave = Sha256Hash.Compute("enclave build B"u8), SecurityVersion = 4 };
        byte[] blob = SealWith(newer, SealPolicy.Product);

        Assert.Equal(UnsealError.SecurityVersionTooNew, UnsealWith(_fixture.Identity, SealPolicy.Product, blob));
    }

    [Fact]
    public void TryUnseal_ProductBlobByAnotherSigner_FailsAuthenticationFailed()
    {
        byte[] blob = SealWith(_fixture.Identity, SealPolicy.Product);

        UnsealError error = UnsealWith(_fixture.Identity with { MrSigner = Sha256Hash.Compute("another release key"u8) }, SealPolicy.Product, blob);

        Assert.Equal(UnsealError.AuthenticationFailed, error);
    }

    [Fact]
    public void TryUnseal_ProductBlobByAnotherProduct_FailsAuthenticationFailed()
    {
        byte[] blob = SealWith(_fixture.Identity, SealPolicy.Product);

        Assert.Equal(UnsealError.AuthenticationFailed, UnsealWith(_fixture.Identity with { ProductId = 8 }, SealPolicy.Product, blob));
    }

    [Fact]
    public void TryUnseal_BlobFromAnotherPlatform_FailsAuthenticationFailed()
    {
        byte[] blob = SealWith(_fixture.Identity, SealPolicy.Unique);
        using var other = new PlatformFixture();
        using SimulatedPlatform otherPlatform = other.Open(_fixture.Identity);

        Assert.False(new Sealer(otherPlatform).TryUnseal(blob, SealPolicy.Unique, Context, out _, out UnsealError error));
        Assert.Equal(UnsealError.AuthenticationFailed, error);
    }

    [Fact]
    public void TryUnseal_AfterRotation_OldGenerationStaysReadableAndNeedsReseal()
    {
        using SimulatedPlatform platform = _fixture.Open();
        var sealer = new Sealer(platform);
        byte[] old = sealer.Seal(SealPolicy.Unique, Secret, Context);

        platform.RotateSealKeyGeneration();

        Assert.True(sealer.TryUnseal(old, SealPolicy.Unique, Context, out byte[]? opened, out _));
        Assert.Equal(Secret, opened);
        Assert.True(SealedBlobHeader.TryRead(old, out SealedBlobHeader header, out _));
        Assert.True(sealer.NeedsReseal(header));
    }

    [Fact]
    public void TryReseal_OldGeneration_MovesToCurrentGeneration()
    {
        using SimulatedPlatform platform = _fixture.Open();
        var sealer = new Sealer(platform);
        byte[] old = sealer.Seal(SealPolicy.Product, Secret, Context);
        platform.RotateSealKeyGeneration();

        Assert.True(sealer.TryReseal(old, SealPolicy.Product, Context, out byte[]? resealed, out UnsealError error), error.ToString());

        Assert.True(SealedBlobHeader.TryRead(resealed, out SealedBlobHeader header, out _));
        Assert.Equal(2u, header.Generation);
        Assert.False(sealer.NeedsReseal(header));
        Assert.True(sealer.TryUnseal(resealed, SealPolicy.Product, Context, out byte[]? opened, out _));
        Assert.Equal(Secret, opened);
    }

    [Fact]
    public void TryReseal_ProductBlobOfOlderBuild_TakesNewerSecurityVersion()
    {
        byte[] blob = SealWith(_fixture.Identity, SealPolicy.Product);
        byte[] resealed;
        using (SimulatedPlatform newer = _fixture.Open(_fixture.Identity with { MrEnclave = Sha256Hash.Compute("enclave build B"u8), SecurityVersion = 4 }))
        {
            Assert.True(new Sealer(newer).TryReseal(blob, SealPolicy.Product, Context, out byte[]? fromNewer, out UnsealError error), error.ToString());
            resealed = fromNewer;
        }

        // The older build opens the data folder only once the newer one has released it.
        Assert.True(SealedBlobHeader.TryRead(resealed, out SealedBlobHeader header, out _));
        Assert.Equal((ushort)4, header.SecurityVersion);
        Assert.Equal(UnsealError.SecurityVersionTooNew, UnsealWith(_fixture.Identity, SealPolicy.Product, resealed));
    }

    [Theory]
    [InlineData(0, UnsealError.Truncated)]
    [InlineData(4, UnsealError.Truncated)]
    [InlineData(SealedBlobLayout.HeaderSize, UnsealError.Truncated)]
    [InlineData(SealedBlobLayout.HeaderSize + SealedBlobLayout.TagSize - 1, UnsealError.Truncated)]
    [InlineData(SealedBlobLayout.HeaderSize + SealedBlobLayout.TagSize, UnsealError.LengthMismatch)]
    [InlineData(-1, UnsealError.LengthMismatch)]
    public void TryUnseal_Truncated_FailsWithoutData(int length, UnsealError expected)
    {
        using SimulatedPlatform platform = _fixture.Open();
        var sealer = new Sealer(platform);
        byte[] blob = sealer.Seal(SealPolicy.Unique, Secret, Context);
        int keep = length < 0 ? blob.Length + length : length;

        Assert.False(sealer.TryUnseal(blob.AsSpan(0, keep), SealPolicy.Unique, Context, out byte[]? opened, out UnsealError error));
        Assert.Equal(expected, error);
        Assert.Null(opened);
    }

    private byte[] SealWith(EnclaveIdentity identity, SealPolicy policy)
    {
        using SimulatedPlatform platform = _fixture.Open(identity);
        return new Sealer(platform).Seal(policy, Secret, Context);
    }

    private UnsealError UnsealWith(EnclaveIdentity identity, SealPolicy policy, byte[] blob)
    {
        using SimulatedPlatform platform = _fixture.Open(identity);
        bool opened = new Sealer(platform).TryUnseal(blob, policy, Context, out byte[]? plaintext, out UnsealError error);
        Assert.Equal(opened, plaintext is not null);
        if (opened)
        {
            Assert.Equal(Secret, plaintext);
        }

        return error;
    }
}
