using System.Security.Cryptography;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Tests.Support;

namespace DarkPool.Protocol.Tests.Handshake;

public sealed class KeyAgreementTests
{
    [Fact]
    public void TryDeriveSharedSecret_BothSides_AgreeOnTheSecret()
    {
        using ECDiffieHellman a = TestKeys.EnclaveKey();
        using ECDiffieHellman b = TestKeys.EphemeralKey();
        var ab = new byte[32];
        var ba = new byte[32];

        Assert.True(KeyAgreement.TryDeriveSharedSecret(a, KeyAgreement.ExportPublicKey(b), ab));
        Assert.True(KeyAgreement.TryDeriveSharedSecret(b, KeyAgreement.ExportPublicKey(a), ba));

        Assert.Equal(ab, ba);
        Assert.Contains(ab, x => x != 0);
    }

    public static TheoryData<string, byte[]> MalformedPoints()
    {
        using ECDiffieHellman key = TestKeys.EphemeralKey();
        byte[] valid = KeyAgreement.ExportPublicKey(key);
        byte[] offCurve = (byte[])valid.Clone();
        offCurve[64] ^= 1;
        byte[] compressed = (byte[])valid.Clone();
        compressed[0] = 0x02;
        byte[] xTooLarge = (byte[])valid.Clone();
        xTooLarge.AsSpan(1, 32).Fill(0xFF);
        return new TheoryData<string, byte[]>
        {
            { "off the curve", offCurve },
            { "compressed prefix", compressed },
            { "all zeros", new byte[65] },
            { "point at infinity encoding", [0x00] },
            { "coordinate above the field prime", xTooLarge },
            { "one byte short", valid[..64] },
            { "one byte long", [.. valid, 0] },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedPoints))]
    public void TryDeriveSharedSecret_MalformedPeerKey_IsRefused(string name, byte[] peer)
    {
        using ECDiffieHellman own = TestKeys.EnclaveKey();
        var secret = new byte[32];

        Assert.False(KeyAgreement.TryDeriveSharedSecret(own, peer, secret), name);
        Assert.False(KeyAgreement.TryImportPublicKey(peer, out _), name);
    }

    /// <summary>A point on secp256k1 is not a point on P-256: a client cannot mix up the curves.</summary>
    [Fact]
    public void TryImportPublicKey_Secp256k1Point_IsRefused()
    {
        using var account = TestKeys.Account();

        Assert.False(KeyAgreement.TryImportPublicKey(account.PublicKey, out _));
    }
}
