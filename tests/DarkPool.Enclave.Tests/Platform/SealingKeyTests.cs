using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Sealing;
using DarkPool.Enclave.Tests.Support;

namespace DarkPool.Enclave.Tests.Platform;

public sealed class SealingKeyTests : IDisposable
{
    private static readonly byte[] KeyId = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    private readonly PlatformFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void TryDeriveSealingKey_SameRequestAfterReopen_GivesSameKey()
    {
        byte[] first = Derive(SealPolicy.Unique, 3, 1);

        Assert.Equal(first, Derive(SealPolicy.Unique, 3, 1));
    }

    [Fact]
    public void TryDeriveSealingKey_EachInputChanged_GivesDifferentKeys()
    {
        using SimulatedPlatform platform = _fixture.Open();
        platform.RotateSealKeyGeneration();
        byte[] otherKeyId = (byte[])KeyId.Clone();
        otherKeyId[0] ^= 1;

        byte[][] keys =
        [
            Derive(platform, SealPolicy.Unique, 3, 1, KeyId),
            Derive(platform, SealPolicy.Product, 3, 1, KeyId),
            Derive(platform, SealPolicy.Unique, 2, 1, KeyId),
            Derive(platform, SealPolicy.Unique, 3, 2, KeyId),
            Derive(platform, SealPolicy.Unique, 3, 1, otherKeyId),
        ];

        Assert.Equal(keys.Length, keys.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void TryDeriveSealingKey_SecurityVersionAboveOwn_FailsSecurityVersionTooNew()
    {
        using SimulatedPlatform platform = _fixture.Open();

        Assert.False(platform.TryDeriveSealingKey(SealPolicy.Product, 4, 1, KeyId, new byte[32], out SealKeyError error));
        Assert.Equal(SealKeyError.SecurityVersionTooNew, error);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(2u)]
    public void TryDeriveSealingKey_GenerationNotIssued_FailsGenerationNotAvailable(uint generation)
    {
        using SimulatedPlatform platform = _fixture.Open();

        Assert.False(platform.TryDeriveSealingKey(SealPolicy.Unique, 3, generation, KeyId, new byte[32], out SealKeyError error));
        Assert.Equal(SealKeyError.GenerationNotAvailable, error);
    }

    [Fact]
    public void TryDeriveSealingKey_UnknownPolicy_FailsUnknownPolicy()
    {
        using SimulatedPlatform platform = _fixture.Open();

        Assert.False(platform.TryDeriveSealingKey((SealPolicy)9, 3, 1, KeyId, new byte[32], out SealKeyError error));
        Assert.Equal(SealKeyError.UnknownPolicy, error);
    }

    private byte[] Derive(SealPolicy policy, ushort securityVersion, uint generation)
    {
        using SimulatedPlatform platform = _fixture.Open();
        return Derive(platform, policy, securityVersion, generation, KeyId);
    }

    private static byte[] Derive(SimulatedPlatform platform, SealPolicy policy, ushort securityVersion, uint generation, byte[] keyId)
    {
        var key = new byte[32];
        Assert.True(platform.TryDeriveSealingKey(policy, securityVersion, generation, keyId, key, out SealKeyError error), error.ToString());
        return key;
    }
}
