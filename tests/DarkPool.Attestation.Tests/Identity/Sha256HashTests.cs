using DarkPool.Attestation.Identity;

namespace DarkPool.Attestation.Tests.Identity;

public sealed class Sha256HashTests
{
    [Fact]
    public void ToString_ThenTryParse_RoundTrips()
    {
        Sha256Hash value = Sha256Hash.Compute("abc"u8);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", value.ToString());
        Assert.True(Sha256Hash.TryParse(value.ToString().ToUpperInvariant(), out Sha256Hash parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ba7816bf")]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void TryParse_NotSixtyFourHexDigits_Fails(string? text)
    {
        Assert.False(Sha256Hash.TryParse(text, out _));
    }

    [Fact]
    public void CopyTo_AfterConstruction_GivesTheSameBytes()
    {
        byte[] bytes = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

        Assert.Equal(bytes, new Sha256Hash(bytes).ToArray());
    }
}
