extern alias sdk;

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Verification;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Pipeline;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using sdk::DarkPool.Client;

namespace DarkPool.Gateway.Tests;

/// <summary>The real server in-process, driven through the SDK and through raw gRPC for what the SDK would never send.</summary>
public sealed class GatewayFunctionalTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoTraders_PlaceCrossAndCancel_EachSeesOnlyTheirOwnDecryptedEvents(bool overLoopbackSocket)
    {
        await using ServerFixture server = await ServerFixture.StartAsync(socket: overLoopbackSocket);
        using var makerKey = Secp256k1AccountKey.Generate();
        using var takerKey = Secp256k1AccountKey.Generate();
        await using DarkPoolClient maker = await DarkPoolClient.ConnectAsync(server.Channel, makerKey, server.Policy);
        await using DarkPoolClient taker = await DarkPoolClient.ConnectAsync(server.Channel, takerKey, server.Policy);
        await DepositAsync(server, maker.Account, 1, 100);
        await DepositAsync(server, taker.Account, 2, 100_000);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        IAsyncEnumerator<DecodedResponse> makerEvents = maker.EventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        RequestResult rest = await maker.PlaceAsync(Limit(11, OrderSide.Sell, 1_000, 5));
        RequestResult take = await taker.PlaceAsync(Limit(21, OrderSide.Buy, 1_000, 3) with { TimeInForce = OrderTimeInForce.Ioc });
        RequestResult cancel = await maker.CancelAsync(1, 11);

        Assert.True(rest.Accepted);
        Assert.Equal([ResponseKind.OrderAccepted, ResponseKind.OrderFilled], take.Responses.Select(r => r.Kind));
        Assert.Equal((21L, 3L, 1_000L), (take.Responses[1].Filled.ClientOrderId, take.Responses[1].Filled.Quantity, take.Responses[1].Filled.Price));
        DecodedResponse cancelled = Assert.Single(cancel.Responses);
        Assert.Equal((ResponseKind.OrderCancelled, 2L), (cancelled.Kind, cancelled.Cancelled.Quantity));

        // The maker's stream: its deposit, its acceptance, the fill it got from the taker's order, its cancel; nothing of the taker's.
        var seen = new List<DecodedResponse>();
        while (seen.Count < 4 && await makerEvents.MoveNextAsync())
        {
            seen.Add(makerEvents.Current);
        }

        Assert.Equal([ResponseKind.BalanceChanged, ResponseKind.OrderAccepted, ResponseKind.OrderFilled, ResponseKind.OrderCancelled], seen.Select(r => r.Kind));
        Assert.Equal((11L, Liquidity.Maker), (seen[2].Filled.ClientOrderId, seen[2].Filled.Liquidity));
        await cts.CancelAsync();
        await makerEvents.DisposeAsync();

        RequestResult balances = await taker.BalancesAsync();
        BalanceEntry[] entries = balances.Responses.Single().Balances.Entries ?? [];
        Assert.Equal(3, entries.Single(e => e.Asset == 1).Available);
        Assert.Equal(100_000 - 3_000, entries.Single(e => e.Asset == 2).Available);
    }

    [Fact]
    public async Task Order_Rejected_IsAnsweredWithItsReason()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();
        using var key = Secp256k1AccountKey.Generate();
        await using DarkPoolClient trader = await DarkPoolClient.ConnectAsync(server.Channel, key, server.Policy);

        RequestResult unfunded = await trader.PlaceAsync(Limit(1, OrderSide.Buy, 1_000, 1));
        RequestResult unknownMarket = await trader.PlaceAsync(Limit(2, OrderSide.Buy, 1_000, 1) with { Market = 99 });

        Assert.Equal((RequestOutcome.Answered, RejectCode.InsufficientFunds), (unfunded.Outcome, unfunded.RejectReason));
        Assert.Equal(RejectCode.UnknownMarket, unknownMarket.RejectReason);
    }

    [Fact]
    public async Task Sdk_WrongMeasurement_RefusesToConnect()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();
        using var key = Secp256k1AccountKey.Generate();
        VerificationPolicy other = VerificationPolicy.Simulation(
            X509CertificateLoader.LoadCertificateFromFile(server.Host.RootCertificatePath), [DarkPool.Attestation.Identity.Sha256Hash.Compute("another build"u8)], null);

        AttestationFailedException e = await Assert.ThrowsAsync<AttestationFailedException>(() => DarkPoolClient.ConnectAsync(server.Channel, key, other));

        Assert.Equal(VerificationCheck.Measurement, e.FailedCheck);
    }

    [Fact]
    public async Task Sdk_SimulatedQuoteUnderProductionPolicy_RefusesToConnect()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();
        using var key = Secp256k1AccountKey.Generate();
        VerificationPolicy production = VerificationPolicy.Production(
            X509CertificateLoader.LoadCertificateFromFile(server.Host.RootCertificatePath), [server.Measurement], null);

        AttestationFailedException e = await Assert.ThrowsAsync<AttestationFailedException>(() => DarkPoolClient.ConnectAsync(server.Channel, key, production));

        // The simulated quoting enclave is not Intel's: the production policy stops it there, before anything else.
        Assert.Equal(VerificationCheck.QeIdentity, e.FailedCheck);
    }

    [Fact]
    public async Task Submit_GarbageEnvelope_InvalidArgumentWithErrorInfoAndBadRequest()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();
        var requests = new Requests.RequestsClient(server.Channel);

        RpcException e = await Assert.ThrowsAsync<RpcException>(async () =>
            await requests.SubmitAsync(new SealedRequest { Envelope = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(EnvelopeLayout.StandardEnvelopeSize)) }));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Google.Rpc.Status? status = e.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal("darkpool.v1", status.GetDetail<ErrorInfo>()?.Domain);
        Assert.Equal("envelope", status.GetDetail<BadRequest>()?.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Submit_ReplayedEnvelope_AlreadyExists_AndUnknownSessionNotFound()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();
        (ClientSession session, Requests.RequestsClient requests) = await RawSessionAsync(server);
        using (session)
        {
            var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
            session.SealRequest(1, DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds(), new BalanceQuery(), envelope);
            _ = await requests.SubmitAsync(new SealedRequest { Envelope = ByteString.CopyFrom(envelope) });

            RpcException replay = await Assert.ThrowsAsync<RpcException>(async () => await requests.SubmitAsync(new SealedRequest { Envelope = ByteString.CopyFrom(envelope) }));
            Assert.Equal(StatusCode.AlreadyExists, replay.StatusCode);
            Assert.Equal("REPLAY", replay.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);

            envelope[5] ^= 0xFF;
            RpcException unknown = await Assert.ThrowsAsync<RpcException>(async () => await requests.SubmitAsync(new SealedRequest { Envelope = ByteString.CopyFrom(envelope) }));
            Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        }
    }

    [Fact]
    public async Task Submit_OverSessionRate_ResourceExhaustedWithRetryInfo_AndNothingConsumed()
    {
        // One request per 100 s: the bucket admits the first request, refuses the second at once.
        await using ServerFixture server = await ServerFixture.StartAsync(o => o.RequestsPerSecondPerSession = 0.01);
        (ClientSession session, Requests.RequestsClient requests) = await RawSessionAsync(server);
        using (session)
        {
            long expires = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds();
            var first = new byte[EnvelopeLayout.StandardEnvelopeSize];
            var second = new byte[EnvelopeLayout.StandardEnvelopeSize];
            session.SealRequest(1, expires, new BalanceQuery(), first);
            session.SealRequest(2, expires, new BalanceQuery(), second);
            _ = await requests.SubmitAsync(new SealedRequest { Envelope = ByteString.CopyFrom(first) });

            RpcException e = await Assert.ThrowsAsync<RpcException>(async () => await requests.SubmitAsync(new SealedRequest { Envelope = ByteString.CopyFrom(second) }));

            Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
            Assert.Equal("RATE_LIMITED", e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
            Assert.True(e.GetRpcStatus()?.GetDetail<RetryInfo>()?.RetryDelay.ToTimeSpan() > TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task Subscribe_UnknownSession_IsNotFound()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();
        using AsyncServerStreamingCall<SealedEvent> call = new Events.EventsClient(server.Channel).Subscribe(
            new SubscribeRequest { SessionId = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(16)), FromSequence = 1 });

        RpcException e = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task Handshake_Tampered_IsRefusedAndNonceMustBe32Bytes()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();
        var attestation = new Gateway.V1.Attestation.AttestationClient(server.Channel);
        RpcException badNonce = await Assert.ThrowsAsync<RpcException>(async () => await attestation.GetEvidenceAsync(new GetEvidenceRequest { Nonce = ByteString.CopyFrom(new byte[5]) }));
        Assert.Equal(StatusCode.InvalidArgument, badNonce.StatusCode);

        Evidence evidence = await attestation.GetEvidenceAsync(new GetEvidenceRequest { Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)) });
        using var key = Secp256k1AccountKey.Generate();
        using ClientSession session = ClientSession.Create(evidence.KeyAgreementPublicKey.Span, SHA256.HashData(evidence.Quote.Span), key, DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds());
        byte[] handshake = session.HandshakeMessage.ToArray();
        handshake[^40] ^= 1; // inside the signature's s: it no longer verifies
        RpcException refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Sessions.SessionsClient(server.Channel).OpenAsync(new OpenSessionRequest { Handshake = ByteString.CopyFrom(handshake) }));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal("BAD_SIGNATURE", refused.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
    }

    [Fact]
    public async Task MalformedProtobuf_IsAnErrorAndTheServerGoesOn()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();
        var method = new Method<byte[], byte[]>(MethodType.Unary, "darkpool.v1.Requests", "Submit",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        CallInvoker invoker = server.Channel.CreateCallInvoker();

        RpcException e = await Assert.ThrowsAsync<RpcException>(async () =>
            await invoker.AsyncUnaryCall(method, null, new CallOptions(), [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01]));

        // grpc-dotnet parses the body before any service code runs and answers UNKNOWN (docs/GATEWAY.md, "Errors").
        Assert.Equal(StatusCode.Unknown, e.StatusCode);
        HealthCheckResponse health = await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task Reflection_ListsTheDarkPoolServices()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();
        using AsyncDuplexStreamingCall<ServerReflectionRequest, ServerReflectionResponse> call = new ServerReflection.ServerReflectionClient(server.Channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        string[] services = [.. call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name)];

        Assert.Contains("darkpool.v1.Requests", services);
        Assert.Contains("darkpool.v1.Events", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    private static PlaceOrder Limit(long id, OrderSide side, long price, long quantity) => new()
    {
        Market = 1, ClientOrderId = id, Side = side, Type = OrderKind.Limit, Price = price, Quantity = quantity,
    };

    private static async Task DepositAsync(ServerFixture server, AccountAddress account, int asset, long amount)
    {
        EnclaveReply reply = await server.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, account, asset, amount));
        Assert.Equal(ReplyStatus.Done, reply.Status);
    }

    private static async Task<(ClientSession Session, Requests.RequestsClient Requests)> RawSessionAsync(ServerFixture server)
    {
        Evidence evidence = await new Gateway.V1.Attestation.AttestationClient(server.Channel).GetEvidenceAsync(new GetEvidenceRequest { Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)) });
        using var key = Secp256k1AccountKey.Generate();
        ClientSession session = ClientSession.Create(evidence.KeyAgreementPublicKey.Span, SHA256.HashData(evidence.Quote.Span), key, DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds());
        _ = await new Sessions.SessionsClient(server.Channel).OpenAsync(new OpenSessionRequest { Handshake = ByteString.CopyFrom(session.HandshakeMessage) });
        return (session, new Requests.RequestsClient(server.Channel));
    }
}
