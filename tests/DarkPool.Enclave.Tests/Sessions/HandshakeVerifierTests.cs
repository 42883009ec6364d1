using System.Security.Cryptography;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Enclave.Tests.Sessions;

public sealed class HandshakeVerifierTests : IDisposable
{
    private readonly SessionFixture _f = new();

    public void Dispose() => _f.Dispose();

    private HandshakeReject Refuse(ReadOnlySpan<byte> message)
    {
        Assert.False(_f.Verifier.TryVerify(message, out VerifiedHandshake? handshake, out HandshakeReject reject));
        Assert.Null(handshake);
        return reject;
    }

    /// <summary>A handshake signed correctly over whatever fields are given, as a malicious or buggy client could send.</summary>
    private static byte[] Signed(IAccountSigner signer, ReadOnlySpan<byte> enclaveKey, byte[] quoteHash, byte[] ephemeral, byte[] accountKey, long expiresAt = SessionFixture.Now + 60_000)
    {
        var transcript = new byte[HandshakeLayout.Transcript.Size];
        HandshakeTranscript.Write(enclaveKey, quoteHash, ephemeral, accountKey, expiresAt, SessionFlags.None, transcript);
        var hash = new byte[32];
        HandshakeTranscript.ComputeHash(transcript, hash);
        var digest = new byte[32];
        HandshakeTranscript.ComputeSigningDigest(hash, digest);
        var signature = new byte[64];
        signer.SignDigest(digest, signature);
        var message = new byte[HandshakeLayout.MessageSize];
        HandshakeMessage.Write(quoteHash, ephemeral, accountKey, expiresAt, SessionFlags.None, signature, message);
        return message;
    }

    private static byte[] Ephemeral()
    {
        using ECDiffieHellman key = KeyAgreement.Generate();
        return KeyAgreement.ExportPublicKey(key);
    }

    [Fact]
    public void TryVerify_HonestClient_DerivesTheClientsKeysAndAccount()
    {
        Secp256k1AccountKey account = _f.NewAccount();
        ClientSession client = _f.NewClient(account, flags: SessionFlags.CancelOnDisconnect);

        VerifiedHandshake handshake = _f.Verify(client);

        Assert.Equal(client.SessionId, handshake.SessionId);
        Assert.Equal(account.Address, handshake.Account);
        Assert.Equal(SessionFlags.CancelOnDisconnect, handshake.Flags);
        Assert.Equal(SessionFixture.Now + 60_000, handshake.ExpiresAtUnixMs);
        Assert.True(_f.Table.TryOpenSession(handshake, SessionFixture.Now, out _));
        Assert.Equal(account.Address, _f.Accept(SessionFixture.Place(client, 1)).Account);
    }

    [Fact]
    public void TryVerify_SignatureBitFlipped_IsBadSignature()
    {
        byte[] message = _f.NewClient().HandshakeMessage.ToArray();
        message[HandshakeLayout.Message.SignatureOffset + 5] ^= 1;

        Assert.Equal(HandshakeReject.BadSignature, Refuse(message));
    }

    [Fact]
    public void TryVerify_SignedByAnotherKey_IsBadSignature()
    {
        Secp256k1AccountKey claimed = _f.NewAccount();
        Secp256k1AccountKey signer = _f.NewAccount();

        byte[] message = Signed(signer, _f.Key.PublicKey, SessionFixture.QuoteHash, Ephemeral(), claimed.PublicKey.ToArray());

        Assert.Equal(HandshakeReject.BadSignature, Refuse(message));
    }

    [Fact]
    public void TryVerify_TranscriptForAnotherEnclaveKey_IsBadSignature()
    {
        using EnclaveKeyAgreementKey other = EnclaveKeyAgreementKey.Generate();
        using ClientSession client = ClientSession.Create(other.PublicKey, SessionFixture.QuoteHash, _f.NewAccount(), SessionFixture.Now + 60_000);

        Assert.Equal(HandshakeReject.BadSignature, Refuse(client.HandshakeMessage));
    }

    [Fact]
    public void TryVerify_TranscriptForAnotherQuoteHash_IsBadSignature()
    {
        byte[] otherQuote = SHA256.HashData("another quote this enclave also issued"u8);
        _f.Quotes.RegisterHash(otherQuote);
        byte[] message = _f.NewClient().HandshakeMessage.ToArray();
        otherQuote.CopyTo(message, HandshakeLayout.Message.QuoteHashOffset);

        Assert.Equal(HandshakeReject.BadSignature, Refuse(message));
    }

    [Fact]
    public void TryVerify_QuoteThisEnclaveNeverIssued_IsUnknownQuote()
    {
        using ClientSession client = ClientSession.Create(_f.Key.PublicKey, SHA256.HashData("someone else's quote"u8), _f.NewAccount(), SessionFixture.Now + 60_000);

        Assert.Equal(HandshakeReject.UnknownQuote, Refuse(client.HandshakeMessage));
    }

    [Fact]
    public void TryVerify_QuoteForgottenByTheRegistry_IsUnknownQuote()
    {
        var registry = new QuoteRegistry(capacity: 2);
        registry.RegisterHash(SessionFixture.QuoteHash);
        registry.Register("second"u8);
        registry.Register("third"u8);
        var verifier = new HandshakeVerifier(_f.Key, registry);

        Assert.False(verifier.TryVerify(_f.NewClient().HandshakeMessage, out _, out HandshakeReject reject));
        Assert.Equal(HandshakeReject.UnknownQuote, reject);
        Assert.Equal(2, registry.Count);
    }

    public static TheoryData<string> MalformedEphemeralKeys() => ["off the curve", "all zeros", "compressed prefix", "a secp256k1 point"];

    [Theory]
    [MemberData(nameof(MalformedEphemeralKeys))]
    public void TryVerify_MalformedEphemeralPoint_IsInvalidEphemeralKey(string name)
    {
        Secp256k1AccountKey account = _f.NewAccount();
        byte[] ephemeral = Ephemeral();
        switch (name)
        {
            case "off the curve": ephemeral[64] ^= 1; break;
            case "all zeros": ephemeral = new byte[65]; break;
            case "compressed prefix": ephemeral[0] = 0x03; break;
            default: ephemeral = account.PublicKey.ToArray(); break;
        }

        byte[] message = Signed(account, _f.Key.PublicKey, SessionFixture.QuoteHash, ephemeral, account.PublicKey.ToArray());

        Assert.Equal(HandshakeReject.InvalidEphemeralKey, Refuse(message));
    }

    [Theory]
    [InlineData("off the curve")]
    [InlineData("all zeros")]
    [InlineData("a P-256 point")]
    public void TryVerify_MalformedAccountPoint_IsInvalidAccountKey(string name)
    {
        byte[] message = _f.NewClient().HandshakeMessage.ToArray();
        Span<byte> accountKey = message.AsSpan(HandshakeLayout.Message.AccountKeyOffset, AccountKeys.PublicKeySize);
        switch (name)
        {
            case "off the curve": accountKey[64] ^= 1; break;
            case "all zeros": accountKey.Clear(); break;
            default: _f.Key.PublicKey.CopyTo(accountKey); break;
        }

        Assert.Equal(HandshakeReject.InvalidAccountKey, Refuse(message));
    }

    [Theory]
    [InlineData(0, (byte)'x', HandshakeReject.Malformed)]
    [InlineData(HandshakeLayout.Message.VersionOffset, 9, HandshakeReject.UnsupportedVersion)]
    [InlineData(HandshakeLayout.Message.FlagsOffset, 4, HandshakeReject.UnknownFlags)]
    public void TryVerify_BadFraming_IsRefusedByName(int offset, byte value, HandshakeReject expected)
    {
        byte[] message = _f.NewClient().HandshakeMessage.ToArray();
        message[offset] = value;

        Assert.Equal(expected, Refuse(message));
        Assert.Equal(HandshakeReject.Truncated, Refuse(message.AsSpan(0, 200)));
    }

    [Fact]
    public void VerifiedHandshake_WriteThenRead_IsTheSameHandshake()
    {
        VerifiedHandshake handshake = _f.Verify(_f.NewClient(flags: SessionFlags.CancelOnDisconnect));
        var bytes = new byte[VerifiedHandshake.SerializedSize];
        handshake.WriteTo(bytes);

        Assert.True(VerifiedHandshake.TryReadFrom(bytes, out VerifiedHandshake? read));
        Assert.Equal((handshake.SessionId, handshake.Account, handshake.Flags, handshake.ExpiresAtUnixMs), (read.SessionId, read.Account, read.Flags, read.ExpiresAtUnixMs));
        Assert.Equal(handshake.Keys.ClientToEnclave.ToArray(), read.Keys.ClientToEnclave.ToArray());
        Assert.Equal(handshake.Keys.EnclaveToClient.ToArray(), read.Keys.EnclaveToClient.ToArray());
        Assert.False(VerifiedHandshake.TryReadFrom(bytes.AsSpan(1), out _));
        bytes[108] = 2;
        Assert.False(VerifiedHandshake.TryReadFrom(bytes, out _));
        Assert.DoesNotContain(Convert.ToHexStringLower(handshake.Keys.ClientToEnclave), handshake.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EnclaveKey_ExportThenImport_SamePublicKey()
    {
        byte[] scalar = _f.Key.ExportPrivateKey();
        using EnclaveKeyAgreementKey copy = EnclaveKeyAgreementKey.FromPrivateKey(scalar);

        Assert.Equal(_f.Key.PublicKey.ToArray(), copy.PublicKey.ToArray());
        Assert.Equal(Convert.ToHexStringLower(_f.Key.PublicKey), _f.Key.ToString());
    }
}
