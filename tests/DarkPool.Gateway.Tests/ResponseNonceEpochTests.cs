using System.Buffers.Binary;
using System.Security.Cryptography;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using Google.Protobuf;

namespace DarkPool.Gateway.Tests;

/// <summary>
/// Response nonces carry a per-start epoch (the journal's monotonic counter), so no two starts of the enclave ever seal
/// under the same nonce, even where a host made a restarted enclave reuse response sequence numbers (docs/PROTOCOL.md §4).
/// </summary>
public sealed class ResponseNonceEpochTests
{
    [Fact]
    public async Task Restart_SameSession_ResponsesSealedUnderANewEpoch_AndStillOpen()
    {
        string root = Directory.CreateTempSubdirectory("dp-epoch-").FullName;
        try
        {
            using var key = Secp256k1AccountKey.Generate();
            ClientSession session;
            uint first;
            ulong firstSequence;
            await using (ServerFixture server = await ServerFixture.StartAsync(dataFolder: root))
            {
                session = await OpenAsync(server, key);
                byte[] answer = await BalanceQueryAsync(server, session, requestId: 1);
                (first, firstSequence) = NonceOf(answer);
                Assert.Equal(firstSequence, Header(answer).Sequence);
                Assert.True(session.TryOpenResponse(answer, out DecodedResponse opened, out _));
                Assert.Equal(ResponseKind.BalancePage, opened.Kind);
                await server.StopAsync();
            }

            using (session)
            {
                uint second;
                await using (ServerFixture restarted = await ServerFixture.StartAsync(dataFolder: root))
                {
                    byte[] answer = await BalanceQueryAsync(restarted, session, requestId: 2);
                    (second, ulong sequence) = NonceOf(answer);
                    Assert.Equal(firstSequence + 1, sequence);
                    Assert.True(session.TryOpenResponse(answer, out DecodedResponse response, out _));
                    Assert.Equal(ResponseKind.BalancePage, response.Kind);
                }

                Assert.NotEqual(0u, first);
                Assert.True(second > first, $"epoch {second} after {first}");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<ClientSession> OpenAsync(ServerFixture server, Secp256k1AccountKey key)
    {
        Evidence evidence = await new Gateway.V1.Attestation.AttestationClient(server.Channel).GetEvidenceAsync(new GetEvidenceRequest { Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)) });
        ClientSession session = ClientSession.Create(evidence.KeyAgreementPublicKey.Span, SHA256.HashData(evidence.Quote.Span), key, DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds());
        _ = await new Sessions.SessionsClient(server.Channel).OpenAsync(new OpenSessionRequest { Handshake = ByteString.CopyFrom(session.HandshakeMessage) });
        return session;
    }

    private static async Task<byte[]> BalanceQueryAsync(ServerFixture server, ClientSession session, ulong requestId)
    {
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        session.SealRequest(requestId, DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds(), new BalanceQuery(), envelope);
        SealedReply reply = await new Requests.RequestsClient(server.Channel).SubmitAsync(new SealedRequest { Envelope = ByteString.CopyFrom(envelope) });
        return Assert.Single(reply.Envelopes).ToByteArray();
    }

    private static (uint Epoch, ulong Counter) NonceOf(byte[] envelope)
    {
        ReadOnlySpan<byte> nonce = envelope.AsSpan(EnvelopeLayout.NonceOffset, EnvelopeLayout.NonceSize);
        return (BinaryPrimitives.ReadUInt32LittleEndian(nonce), BinaryPrimitives.ReadUInt64LittleEndian(nonce[4..]));
    }

    private static EnvelopeHeader Header(byte[] envelope) =>
        EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out _) ? header : throw new InvalidOperationException("header");
}
