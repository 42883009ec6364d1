using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Tests.Support;

namespace DarkPool.Protocol.Tests.Accounts;

public sealed class AccountAddressTests
{
    /// <summary>Published Ethereum examples: private key 1, and the key from the web3.js documentation.</summary>
    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000001", "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")]
    [InlineData("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23")]
    public void FromPublicKey_KnownPrivateKeys_GivesTheirEthereumAddress(string privateKeyHex, string address)
    {
        using var key = Secp256k1AccountKey.FromPrivateKey(Convert.FromHexString(privateKeyHex));

        Assert.Equal(address, key.Address.ToString());
        Assert.Equal(address, AccountAddress.FromPublicKey(key.PublicKey).ToString());
    }

    /// <summary>EIP-55's own examples: the checksum capitalisation.</summary>
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void ToString_Eip55Examples_RoundTrip(string address)
    {
        AccountAddress parsed = AccountAddress.FromBytes(Convert.FromHexString(address[2..]));

        Assert.Equal(address, parsed.ToString());
    }

    [Fact]
    public void FromPublicKey_NotUncompressed_Throws()
    {
        using Secp256k1AccountKey key = TestKeys.Account();
        byte[] compressedPrefix = key.PublicKey.ToArray();
        compressedPrefix[0] = 0x02;

        Assert.Throws<ArgumentException>(() => AccountAddress.FromPublicKey(compressedPrefix));
        Assert.Throws<ArgumentException>(() => AccountAddress.FromPublicKey(key.PublicKey[..64].ToArray()));
    }

    [Fact]
    public void CompareTo_OrdersLikeTheBytes()
    {
        var low = AccountAddress.FromBytes(Convert.FromHexString("00000000000000000000000000000000000000ff"));
        var high = AccountAddress.FromBytes(Convert.FromHexString("0000000000000000000000000000000000000100"));

        Assert.True(low < high);
        Assert.Equal(AccountAddress.FromBytes(low.ToArray()), low);
    }

    [Fact]
    public void AccountKey_SignatureOverDigest_VerifiesAndPrintsOnlyTheAddress()
    {
        using Secp256k1AccountKey key = TestKeys.Account();
        byte[] digest = TestKeys.Repeat(0x5A);
        var signature = new byte[AccountKeys.SignatureSize];

        key.SignDigest(digest, signature);

        Assert.True(AccountKeys.TryImportPublicKey(key.PublicKey, out var publicKey));
        using (publicKey)
        {
            Assert.True(AccountKeys.VerifyDigest(publicKey, digest, signature));
            signature[10] ^= 1;
            Assert.False(AccountKeys.VerifyDigest(publicKey, digest, signature));
        }

        Assert.Equal(key.Address.ToString(), key.ToString());
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
    public void FromPrivateKey_OutOfRange_Throws(string scalar)
    {
        Assert.Throws<ArgumentException>(() => Secp256k1AccountKey.FromPrivateKey(Convert.FromHexString(scalar)));
    }

    [Fact]
    public void TryImportPublicKey_PointNotOnCurve_IsRefused()
    {
        using Secp256k1AccountKey key = TestKeys.Account();
        byte[] offCurve = key.PublicKey.ToArray();
        offCurve[64] ^= 1;

        Assert.False(AccountKeys.TryImportPublicKey(offCurve, out _));
        Assert.False(AccountKeys.TryImportPublicKey(new byte[65], out _));
        Assert.True(AccountKeys.TryImportPublicKey(key.PublicKey, out var valid));
        valid.Dispose();
    }
}
