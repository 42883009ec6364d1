using System.Buffers.Binary;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Sealing;
using DarkPool.Enclave.Tests.Support;
using L = DarkPool.Enclave.Sealing.SealedBlobLayout;

namespace DarkPool.Enclave.Tests.Sealing;

/// <summary>Every header field, the ciphertext and the tag, each changed: the blob never opens, and says why.</summary>
public sealed class SealerTamperTests : IDisposable
{
    private static readonly byte[] Secret = "sealed state"u8.ToArray();
    private static readonly byte[] Context = "journal"u8.ToArray();

    private readonly PlatformFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<string, int, byte, UnsealError> Fields() => new()
    {
        { "magic", L.MagicOffset, 0x01, UnsealError.BadMagic },
        { "version", L.VersionOffset, 0x01, UnsealError.UnsupportedVersion },
        { "policy to product", L.PolicyOffset, 0x03, UnsealError.PolicyMismatch },
        { "policy to unknown", L.PolicyOffset, 0x40, UnsealError.UnknownPolicy },
        { "generation to zero", L.GenerationOffset, 0x01, UnsealError.GenerationNotAvailable },
        { "generation beyond current", L.GenerationOffset, 0x02, UnsealError.GenerationNotAvailable },
        { "security version up", L.SecurityVersionOffset, 0x04, UnsealError.SecurityVersionTooNew },
        { "security version down", L.SecurityVersionOffset, 0x01, UnsealError.AuthenticationFailed },
        { "reserved", L.ReservedOffset, 0x01, UnsealError.MalformedHeader },
        { "key id", L.KeyIdOffset + 17, 0x80, UnsealError.AuthenticationFailed },
        { "nonce", L.NonceOffset + 5, 0x01, UnsealError.AuthenticationFailed },
        { "length", L.LengthOffset, 0x01, UnsealError.LengthMismatch },
        { "ciphertext", L.HeaderSize + 3, 0x01, UnsealError.AuthenticationFailed },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void TryUnseal_HeaderOrCiphertextChanged_Fails(string field, int offset, byte mask, UnsealError expected)
    {
        using SimulatedPlatform platform = _fixture.Open();
        var sealer = new Sealer(platform);
        byte[] blob = sealer.Seal(SealPolicy.Unique, Secret, Context);
        blob[offset] ^= mask;

        bool opened = sealer.TryUnseal(blob, SealPolicy.Unique, Context, out byte[]? plaintext, out UnsealError error);

        Assert.False(opened, field);
        Assert.Null(plaintext);
        Assert.True(error == expected, $"{field}: expected {expected}, got {error}");
    }

    [Fact]
    public void TryUnseal_TagChanged_FailsAuthenticationFailed()
    {
        using SimulatedPlatform platform = _fixture.Open();
        var sealer = new Sealer(platform);
        byte[] blob = sealer.Seal(SealPolicy.Product, Secret, Context);
        blob[^1] ^= 0x01;

        Assert.False(sealer.TryUnseal(blob, SealPolicy.Product, Context, out _, out UnsealError error));
        Assert.Equal(UnsealError.AuthenticationFailed, error);
    }

    [Fact]
    public void TryUnseal_PolicyFieldRewrittenAndExpected_FailsAuthenticationFailed()
    {
        using SimulatedPlatform platform = _fixture.Open();
        var sealer = new Sealer(platform);
        byte[] blob = sealer.Seal(SealPolicy.Product, Secret, Context);
        BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(L.PolicyOffset), (ushort)SealPolicy.Unique);

        Assert.False(sealer.TryUnseal(blob, SealPolicy.Unique, Context, out _, out UnsealError error));
        Assert.Equal(UnsealError.AuthenticationFailed, error);
    }

    [Fact]
    public void TryUnseal_GenerationRewrittenToOtherAvailableGeneration_FailsAuthenticationFailed()
    {
        using SimulatedPlatform platform = _fixture.Open();
        platform.RotateSealKeyGeneration();
        var sealer = new Sealer(platform);
        byte[] blob = sealer.Seal(SealPolicy.Unique, Secret, Context);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(L.GenerationOffset), 1);

        Assert.False(sealer.TryUnseal(blob, SealPolicy.Unique, Context, out _, out UnsealError error));
        Assert.Equal(UnsealError.AuthenticationFailed, error);
    }

    [Fact]
    public void TryUnseal_AnySingleBitFlipped_NeverOpens()
    {
        using SimulatedPlatform platform = _fixture.Open();
        var sealer = new Sealer(platform);
        byte[] blob = sealer.Seal(SealPolicy.Product, Secret, Context);
        var opened = new List<(int Offset, int Bit)>();
        for (int offset = 0; offset < blob.Length; offset++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                blob[offset] ^= (byte)(1 << bit);
                if (sealer.TryUnseal(blob, SealPolicy.Product, Context, out _, out _))
                {
                    opened.Add((offset, bit));
                }

                blob[offset] ^= (byte)(1 << bit);
            }
        }

        Assert.Empty(opened);
        Assert.True(sealer.TryUnseal(blob, SealPolicy.Product, Context, out _, out _));
    }
}
