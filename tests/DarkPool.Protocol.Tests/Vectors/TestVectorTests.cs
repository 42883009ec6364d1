using System.Buffers;
using System.Security.Cryptography;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Protocol.Tests.Vectors;

/// <summary>Every value of docs/PROTOCOL.md §12, recomputed from the inputs with the client-side code.</summary>
public sealed class TestVectorTests
{
    private readonly ProtocolVectors _v = ProtocolVectors.Load();

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static PlaceOrder Request1 => new()
    {
        Market = 7, ClientOrderId = 1001, Side = OrderSide.Buy, Type = OrderKind.Limit, TimeInForce = OrderTimeInForce.Gtc,
        Price = 250_000, Quantity = 12, PostOnly = true, Stp = SelfTradePrevention.CancelResting,
    };

    [Fact]
    public void Keys_FromPrivateKeys_MatchTheDocument()
    {
        using ECDiffieHellman enclave = KeyAgreement.FromPrivateKey(_v.Bytes("enclave_private_key"));
        using ECDiffieHellman ephemeral = KeyAgreement.FromPrivateKey(_v.Bytes("ephemeral_private_key"));
        using var account = Secp256k1AccountKey.FromPrivateKey(_v.Bytes("account_private_key"));

        Assert.Equal(_v.Text("enclave_public_key"), Hex(KeyAgreement.ExportPublicKey(enclave)));
        Assert.Equal(_v.Text("ephemeral_public_key"), Hex(KeyAgreement.ExportPublicKey(ephemeral)));
        Assert.Equal(_v.Text("account_public_key"), Hex(account.PublicKey));
        Assert.Equal(_v.Text("account_address"), account.Address.ToString());
    }

    [Fact]
    public void Handshake_TranscriptDigestAndMessage_MatchTheDocument()
    {
        var transcript = new byte[HandshakeLayout.Transcript.Size];
        HandshakeTranscript.Write(_v.Bytes("enclave_public_key"), _v.Bytes("quote_hash"), _v.Bytes("ephemeral_public_key"),
            _v.Bytes("account_public_key"), _v.Int64("handshake_expires_at"), (SessionFlags)_v.Int64("session_flags"), transcript);
        var hash = new byte[32];
        HandshakeTranscript.ComputeHash(transcript, hash);
        var digest = new byte[32];
        HandshakeTranscript.ComputeSigningDigest(hash, digest);
        var message = new byte[HandshakeLayout.MessageSize];
        HandshakeMessage.Write(_v.Bytes("quote_hash"), _v.Bytes("ephemeral_public_key"), _v.Bytes("account_public_key"),
            _v.Int64("handshake_expires_at"), (SessionFlags)_v.Int64("session_flags"), _v.Bytes("signature"), message);

        Assert.Equal(_v.Text("transcript"), Hex(transcript));
        Assert.Equal(_v.Text("transcript_hash"), Hex(hash));
        Assert.Equal(_v.Text("signing_digest"), Hex(digest));
        Assert.Equal(_v.Text("handshake_message"), Hex(message));
        Assert.True(AccountKeys.TryImportPublicKey(_v.Bytes("account_public_key"), out ECDsa? key));
        using (key)
        {
            Assert.True(AccountKeys.VerifyDigest(key, digest, _v.Bytes("signature")));
        }
    }

    [Fact]
    public void KeyDerivation_MatchesTheDocument()
    {
        using ECDiffieHellman ephemeral = KeyAgreement.FromPrivateKey(_v.Bytes("ephemeral_private_key"));
        var shared = new byte[32];
        Assert.True(KeyAgreement.TryDeriveSharedSecret(ephemeral, _v.Bytes("enclave_public_key"), shared));
        var prk = new byte[32];
        SessionKeyDerivation.ComputePseudoRandomKey(shared, _v.Bytes("transcript_hash"), prk);
        SessionKeys keys = SessionKeyDerivation.Derive(shared, _v.Bytes("transcript_hash"));

        Assert.Equal(_v.Text("shared_secret"), Hex(shared));
        Assert.Equal(_v.Text("prk"), Hex(prk));
        Assert.Equal(_v.Text("key_client_to_enclave"), Hex(keys.ClientToEnclave));
        Assert.Equal(_v.Text("key_enclave_to_client"), Hex(keys.EnclaveToClient));
        Assert.Equal(_v.Text("session_id"), keys.SessionId.ToString());
    }

    [Fact]
    public void ClientSession_SealsRequestAndOpensResponse_ExactlyAsDocumented()
    {
        using ECDiffieHellman ephemeral = KeyAgreement.FromPrivateKey(_v.Bytes("ephemeral_private_key"));
        using var account = Secp256k1AccountKey.FromPrivateKey(_v.Bytes("account_private_key"));
        using var session = ClientSession.Create(_v.Bytes("enclave_public_key"), _v.Bytes("quote_hash"), account,
            _v.Int64("handshake_expires_at"), (SessionFlags)_v.Int64("session_flags"), ephemeral);
        var message = new ArrayBufferWriter<byte>();
        RequestCodec.Write(message, (ulong)_v.Int64("request_id"), _v.Int64("request_expires_at"), Request1);
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];

        session.SealRequest((ulong)_v.Int64("request_id"), _v.Int64("request_expires_at"), Request1, envelope);

        Assert.Equal(_v.Text("session_id"), session.SessionId.ToString());
        Assert.Equal(_v.Text("request_message"), Hex(message.WrittenSpan));
        Assert.Equal(_v.Text("request_envelope"), Hex(envelope));
        // The handshake differs from the document only in its (random) signature.
        Assert.Equal(_v.Text("handshake_message")[..(2 * HandshakeLayout.Message.SignatureOffset)], Hex(session.HandshakeMessage[..HandshakeLayout.Message.SignatureOffset]));

        var response = new ArrayBufferWriter<byte>();
        ResponseCodec.Write(response, 1, _v.Int64("response_time"), new OrderAccepted { Market = 7, ClientOrderId = 1001 });
        Assert.Equal(_v.Text("response_message"), Hex(response.WrittenSpan));
        Assert.True(session.TryOpenResponse(_v.Bytes("response_envelope"), out DecodedResponse opened, out EnvelopeReject reject), reject.ToString());
        Assert.Equal((ResponseKind.OrderAccepted, 1UL, _v.Int64("response_time"), 7, 1001L),
            (opened.Kind, opened.ClientRequestId, opened.TimeUnixMs, opened.Accepted.Market, opened.Accepted.ClientOrderId));
    }
}
