using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Internal;
using DarkPool.Protocol.Tests.Support;

namespace DarkPool.Protocol.Tests.Handshake;

public sealed class HandshakeMessageTests
{
    private static byte[] ValidMessage()
    {
        using var enclave = TestKeys.EnclaveKey();
        using Secp256k1AccountKey account = TestKeys.Account();
        using var session = ClientSession.Create(KeyAgreement.ExportPublicKey(enclave), TestKeys.QuoteHash(), account, TestKeys.HandshakeExpiry);
        return session.HandshakeMessage.ToArray();
    }

    [Fact]
    public void Layout_Sizes_AreAsDocumented()
    {
        Assert.Equal(246, HandshakeLayout.MessageSize);
        Assert.Equal(261, HandshakeLayout.Transcript.Size);
        Assert.Equal(HandshakeLayout.Transcript.EnclaveKeyOffset, HandshakeLayout.TranscriptLabel.Length);
    }

    [Fact]
    public void TryParse_ClientMessage_ExposesTheFields()
    {
        using Secp256k1AccountKey account = TestKeys.Account();
        byte[] bytes = ValidMessage();

        Assert.True(HandshakeMessage.TryParse(bytes, out HandshakeMessage message, out HandshakeReject reject));

        Assert.Equal(HandshakeReject.None, reject);
        Assert.Equal(TestKeys.QuoteHash(), message.QuoteHash.ToArray());
        Assert.Equal(account.PublicKey.ToArray(), message.AccountPublicKey.ToArray());
        Assert.Equal(TestKeys.HandshakeExpiry, message.ExpiresAtUnixMs);
        Assert.Equal(SessionFlags.None, message.Flags);
    }

    public static TheoryData<string, int, byte, HandshakeReject> Corruptions() => new()
    {
        { "magic", 0, (byte)'X', HandshakeReject.Malformed },
        { "reserved", HandshakeLayout.Message.ReservedOffset + 1, 1, HandshakeReject.Malformed },
        { "version", HandshakeLayout.Message.VersionOffset, 2, HandshakeReject.UnsupportedVersion },
        { "flags", HandshakeLayout.Message.FlagsOffset, 2, HandshakeReject.UnknownFlags },
        { "high flag", HandshakeLayout.Message.FlagsOffset + 3, 0x80, HandshakeReject.UnknownFlags },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void TryParse_CorruptedFraming_IsRefusedByName(string field, int offset, byte value, HandshakeReject expected)
    {
        byte[] bytes = ValidMessage();
        bytes[offset] = value;

        Assert.False(HandshakeMessage.TryParse(bytes, out _, out HandshakeReject reject), field);
        Assert.Equal(expected, reject);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(245)]
    [InlineData(247)]
    public void TryParse_WrongLength_IsTruncated(int length)
    {
        byte[] bytes = ValidMessage();
        Array.Resize(ref bytes, length);

        Assert.False(HandshakeMessage.TryParse(bytes, out _, out HandshakeReject reject));
        Assert.Equal(HandshakeReject.Truncated, reject);
    }

    [Fact]
    public void Transcript_DiffersInEveryField_GivesDifferentHashes()
    {
        using var enclave = TestKeys.EnclaveKey();
        using var ephemeral = TestKeys.EphemeralKey();
        using Secp256k1AccountKey account = TestKeys.Account();
        byte[] e = KeyAgreement.ExportPublicKey(enclave);
        byte[] c = KeyAgreement.ExportPublicKey(ephemeral);
        byte[] q = TestKeys.QuoteHash();
        string Hash(byte[] ek, byte[] quote, long expiry, SessionFlags flags)
        {
            var t = new byte[HandshakeLayout.Transcript.Size];
            HandshakeTranscript.Write(ek, quote, c, account.PublicKey, expiry, flags, t);
            var h = new byte[32];
            HandshakeTranscript.ComputeHash(t, h);
            return Convert.ToHexString(h);
        }

        string[] hashes =
        [
            Hash(e, q, 1, SessionFlags.None),
            Hash(c, q, 1, SessionFlags.None),
            Hash(e, TestKeys.Repeat(0x45), 1, SessionFlags.None),
            Hash(e, q, 2, SessionFlags.None),
            Hash(e, q, 1, SessionFlags.CancelOnDisconnect),
        ];

        Assert.Equal(hashes.Length, hashes.Distinct().Count());
    }

    [Fact]
    public void SigningDigest_IsEip191PersonalMessageOfTheTranscriptHash()
    {
        Assert.Equal("19457468657265756d205369676e6564204d6573736167653a0a3332", Convert.ToHexStringLower(HandshakeTranscript.PersonalMessagePrefix));
        byte[] hash = TestKeys.Repeat(0x01);
        var digest = new byte[32];
        var expected = new byte[32];

        HandshakeTranscript.ComputeSigningDigest(hash, digest);
        Keccak256.Hash([.. HandshakeTranscript.PersonalMessagePrefix, .. hash], expected);

        Assert.Equal(expected, digest);
    }
}
