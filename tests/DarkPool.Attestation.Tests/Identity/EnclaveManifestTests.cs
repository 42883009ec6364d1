using System.Security.Cryptography;
using DarkPool.Attestation.Identity;

namespace DarkPool.Attestation.Tests.Identity;

public sealed class EnclaveManifestTests : IDisposable
{
    private readonly ECDsa _releaseKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly Sha256Hash _measurement = Sha256Hash.Compute("some build"u8);

    public void Dispose() => _releaseKey.Dispose();

    [Fact]
    public void TryParse_SignedManifest_GrantsIdentityWithSignerOfKey()
    {
        byte[] manifest = EnclaveManifest.Sign(_measurement, 7, 3, debug: false, _releaseKey);

        Assert.True(EnclaveManifest.TryParse(manifest, out EnclaveManifest? parsed, out ManifestError error), error.ToString());
        Assert.Equal(new EnclaveIdentity(_measurement, SignerIdentity.FromKey(_releaseKey), 7, 3, false), parsed.Identity);
    }

    [Fact]
    public void SignerIdentity_OfKey_IsSha256OfRawPublicKey()
    {
        byte[] raw = EcdsaP256.ExportPublicKey(_releaseKey);

        Assert.Equal(Sha256Hash.Compute(raw), SignerIdentity.FromKey(_releaseKey));
        Assert.Equal(64, raw.Length);
    }

    [Fact]
    public void TryParse_DebugManifest_GrantsDebugIdentity()
    {
        byte[] manifest = EnclaveManifest.Sign(_measurement, 7, 3, debug: true, _releaseKey);

        Assert.True(EnclaveManifest.TryParse(manifest, out EnclaveManifest? parsed, out _));
        Assert.True(parsed.Identity.Debug);
    }

    [Theory]
    [InlineData(EnclaveManifestLayout.MrEnclaveOffset)]
    [InlineData(EnclaveManifestLayout.AttributesOffset)]
    [InlineData(EnclaveManifestLayout.ProductIdOffset)]
    [InlineData(EnclaveManifestLayout.SecurityVersionOffset)]
    [InlineData(EnclaveManifestLayout.SignatureOffset + 5)]
    public void TryParse_SignedFieldChanged_FailsBadSignature(int offset)
    {
        byte[] manifest = EnclaveManifest.Sign(_measurement, 7, 3, debug: false, _releaseKey);
        manifest[offset] ^= offset == EnclaveManifestLayout.AttributesOffset ? (byte)0x02 : (byte)0x01;

        Assert.False(EnclaveManifest.TryParse(manifest, out _, out ManifestError error));
        Assert.Equal(ManifestError.BadSignature, error);
    }

    [Fact]
    public void TryParse_SignerKeyReplaced_FailsBadSignatureOrInvalidKey()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] manifest = EnclaveManifest.Sign(_measurement, 7, 3, debug: false, _releaseKey);
        EcdsaP256.ExportPublicKey(other).CopyTo(manifest, EnclaveManifestLayout.SignerKeyOffset);

        Assert.False(EnclaveManifest.TryParse(manifest, out _, out ManifestError error));
        Assert.Equal(ManifestError.BadSignature, error);
    }

    [Fact]
    public void TryParse_WrongMagicOrLength_Fails()
    {
        byte[] manifest = EnclaveManifest.Sign(_measurement, 7, 3, debug: false, _releaseKey);
        byte[] badMagic = (byte[])manifest.Clone();
        badMagic[0] ^= 1;

        Assert.False(EnclaveManifest.TryParse(badMagic, out _, out ManifestError magicError));
        Assert.Equal(ManifestError.BadMagic, magicError);
        Assert.False(EnclaveManifest.TryParse(manifest.AsSpan(1), out _, out ManifestError lengthError));
        Assert.Equal(ManifestError.WrongLength, lengthError);
    }

    [Fact]
    public void TryParse_UnknownAttributeBit_FailsReservedBitsSet()
    {
        byte[] manifest = EnclaveManifest.Sign(_measurement, 7, 3, debug: false, _releaseKey);
        manifest[EnclaveManifestLayout.AttributesOffset] |= 0x04;

        Assert.False(EnclaveManifest.TryParse(manifest, out _, out ManifestError error));
        Assert.Equal(ManifestError.ReservedBitsSet, error);
    }
}
