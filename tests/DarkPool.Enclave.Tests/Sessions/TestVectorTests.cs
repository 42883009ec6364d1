using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using DarkPool.Protocol.Tests.Vectors;

namespace DarkPool.Enclave.Tests.Sessions;

/// <summary>The enclave side of docs/PROTOCOL.md §12: it accepts the documented handshake and request, and seals the documented response.</summary>
public sealed class TestVectorTests
{
    private readonly ProtocolVectors _v = ProtocolVectors.Load();

    [Fact]
    public void Enclave_AcceptsTheDocumentedHandshakeAndRequest_AndSealsTheDocumentedResponse()
    {
        using EnclaveKeyAgreementKey key = EnclaveKeyAgreementKey.FromPrivateKey(_v.Bytes("enclave_private_key"));
        var quotes = new QuoteRegistry();
        quotes.RegisterHash(_v.Bytes("quote_hash"));
        var verifier = new HandshakeVerifier(key, quotes);
        using var table = new SessionTable(new SessionTableOptions());

        Assert.Equal(_v.Text("enclave_public_key"), Convert.ToHexStringLower(key.PublicKey));
        Assert.True(verifier.TryVerify(_v.Bytes("handshake_message"), out VerifiedHandshake? handshake, out HandshakeReject handshakeReject), handshakeReject.ToString());
        Assert.Equal(_v.Text("session_id"), handshake.SessionId.ToString());
        Assert.Equal(_v.Text("account_address"), handshake.Account.ToString());
        Assert.Equal(_v.Text("key_client_to_enclave"), Convert.ToHexStringLower(handshake.Keys.ClientToEnclave));
        Assert.Equal(_v.Text("key_enclave_to_client"), Convert.ToHexStringLower(handshake.Keys.EnclaveToClient));
        Assert.True(table.TryOpenSession(handshake, _v.Int64("handshake_expires_at") - 1_000, out _));

        Assert.True(table.TryOpenRequest(_v.Bytes("request_envelope"), _v.Int64("request_expires_at"), out OpenedRequest request, out EnvelopeReject reject), reject.ToString());
        Assert.Equal((RequestKind.PlaceOrder, 1UL, RequestDisposition.New), (request.Request.Kind, request.Request.ClientRequestId, request.Disposition));
        Assert.Equal(new PlaceOrder
        {
            Market = 7, ClientOrderId = 1001, Side = OrderSide.Buy, Type = OrderKind.Limit, TimeInForce = OrderTimeInForce.Gtc,
            Price = 250_000, Quantity = 12, PostOnly = true, Stp = SelfTradePrevention.CancelResting,
        }, request.Request.Place);

        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        Assert.True(table.TrySealResponse(request.SessionId, 1, _v.Int64("response_time"), new OrderAccepted { Market = 7, ClientOrderId = 1001 }, envelope, out _, out _));
        Assert.Equal(_v.Text("response_envelope"), Convert.ToHexStringLower(envelope));
        Assert.True(table.TryGetOutcome(request.SessionId, 1, out ReadOnlySpan<byte> outcome));
        Assert.Equal(_v.Text("response_message"), Convert.ToHexStringLower(outcome));
    }
}
