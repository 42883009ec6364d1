using System.Security.Cryptography;
using System.Text;
using DarkPool.Protocol.Internal;

namespace DarkPool.Protocol.Tests.Accounts;

public sealed class Keccak256Tests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Hash_KnownInputs_MatchesPublishedDigests(string input, string expected)
    {
        var hash = new byte[32];

        Keccak256.Hash(Encoding.ASCII.GetBytes(input), hash);

        Assert.Equal(expected, Convert.ToHexStringLower(hash));
    }

    /// <summary>With SHA3's padding byte the sponge is SHA3-256: compare with the platform across block boundaries.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(135)]
    [InlineData(136)]
    [InlineData(137)]
    [InlineData(271)]
    [InlineData(272)]
    [InlineData(1000)]
    public void Hash_WithSha3Padding_EqualsPlatformSha3(int length)
    {
        Assert.True(SHA3_256.IsSupported, "the platform's OpenSSL provides SHA3-256");
        byte[] data = Enumerable.Range(0, length).Select(i => (byte)(i * 31 + 7)).ToArray();
        var ours = new byte[32];

        Keccak256.Hash(data, ours, 0x06);

        Assert.Equal(SHA3_256.HashData(data), ours);
    }
}
