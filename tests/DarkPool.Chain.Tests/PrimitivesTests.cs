using DarkPool.Chain.Internal;

namespace DarkPool.Chain.Tests;

public sealed class PrimitivesTests
{
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void EthAddressToString_Eip55Vectors_ChecksumCase(string address) =>
        Assert.Equal(address, EthAddress.Parse(address.ToLowerInvariant()).ToString());

    [Fact]
    public void EthAddressParse_WrongLengthOrDigits_Throws()
    {
        Assert.Throws<FormatException>(() => EthAddress.Parse("0x1234"));
        Assert.Throws<FormatException>(() => EthAddress.Parse("0x" + new string('g', 40)));
    }

    [Fact]
    public void Hash32_ParseToString_RoundTrips()
    {
        string text = "0x" + string.Concat(Enumerable.Range(0, 32).Select(i => i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(text, Hash32.Parse(text).ToString());
        Assert.True(Hash32.Zero.IsZero);
        Assert.False(Hash32.Parse(text).IsZero);
    }

    [Fact]
    public void ChainKeyToString_PrintsAddressNeverKey()
    {
        ChainKey key = ChainKey.Generate();
        string privateHex = Convert.ToHexStringLower(key.ExportPrivateKey());

        Assert.Equal(key.Address.ToString(), key.ToString());
        Assert.DoesNotContain(privateHex, key.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(key.Address, ChainKey.FromPrivateKey(key.ExportPrivateKey()).Address);
    }

    [Fact]
    public void ChainKeyFromPrivateKey_ZeroOrOrder_Throws()
    {
        Assert.Throws<ArgumentException>(() => ChainKey.FromPrivateKey(new byte[32]));
        Assert.Throws<ArgumentException>(() => ChainKey.FromPrivateKey(Hex.Decode("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141")));
    }

    [Fact]
    public void DepositRunningHashNext_KnownKey_MatchesHandEncodedWords()
    {
        // Anvil's well-known first development address, used here only as a fixed value.
        EthAddress account = EthAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        EthAddress token = EthAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
        byte[] words = new byte[160];
        words[63] = 1;
        token.WriteTo(words.AsSpan(76));
        account.WriteTo(words.AsSpan(108));
        words[158] = 0x03;
        words[159] = 0xE8;

        Assert.Equal(Keccak.Hash(words), DepositRunningHash.Next(Hash32.Zero, 1, token, account, 1000));
    }
}
