extern alias sdk;

using System.Security.Cryptography;
using DarkPool.Attestation.Verification;
using DarkPool.Enclave.Core;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using sdk::DarkPool.Client;

namespace DarkPool.Gateway.Tests;

/// <summary>The SDK against the real server: evidence replayed by an untrusted gateway, many traders at once, a stream cut off and resumed, DI.</summary>
public sealed class SdkTests
{
    [Fact]
    public async Task Connect_EvidenceReplayedForAnotherNonce_IsRefusedAtReportData()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();
        Evidence old = await new V1.Attestation.AttestationClient(server.Channel).GetEvidenceAsync(
            new GetEvidenceRequest { Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)) });

        // An untrusted gateway that answers every evidence request with the old, genuine evidence.
        WebApplicationBuilder builder = DarkPool.Gateway.GatewayExtensions.CreateGatewayBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(old);
        await using WebApplication replaying = builder.Build();
        replaying.MapGrpcService<ReplayingAttestation>();
        await replaying.StartAsync();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress("http://localhost", new Grpc.Net.Client.GrpcChannelOptions { HttpHandler = replaying.GetTestServer().CreateHandler() });
        using var key = Secp256k1AccountKey.Generate();

        AttestationFailedException e = await Assert.ThrowsAsync<AttestationFailedException>(() => DarkPoolClient.ConnectAsync(channel, key, server.Policy));

        Assert.Equal(VerificationCheck.ReportData, e.FailedCheck);
    }

    [Fact]
    public async Task ManyTraders_CrossingAtOnce_AllAnswered_AndAssetsConserved()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();
        const int traders = 8;
        var keys = Enumerable.Range(0, traders).Select(_ => Secp256k1AccountKey.Generate()).ToArray();
        var clients = new DarkPoolClient[traders];
        for (int i = 0; i < traders; i++)
        {
            clients[i] = await DarkPoolClient.ConnectAsync(server.Channel, keys[i], server.Policy);
            _ = await server.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, clients[i].Account, 1, 1_000));
            _ = await server.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, clients[i].Account, 2, 1_000_000));
        }

        RequestResult[][] results = await Task.WhenAll(clients.Select((c, i) => Task.Run(async () =>
        {
            var mine = new List<RequestResult>();
            for (int n = 0; n < 20; n++)
            {
                mine.Add(await c.PlaceAsync(new PlaceOrder
                {
                    Market = 1, ClientOrderId = n + 1, Side = (i + n) % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, Type = OrderKind.Limit,
                    Price = 995 + ((i * 7 + n) % 10), Quantity = 1 + (n % 4),
                }));
            }

            return mine.ToArray();
        })));

        Assert.All(results.SelectMany(r => r), r => Assert.Equal(RequestOutcome.Answered, r.Outcome));
        Assert.Contains(results.SelectMany(r => r).SelectMany(r => r.Responses), e => e.Kind == ResponseKind.OrderFilled);
        long base1 = 0, quote2 = 0;
        foreach (DarkPoolClient client in clients)
        {
            foreach (DarkPool.Protocol.Messages.Responses.BalanceEntry entry in (await client.BalancesAsync()).Responses.Single().Balances.Entries ?? [])
            {
                base1 += entry.Asset == 1 ? entry.Available + entry.Held : 0;
                quote2 += entry.Asset == 2 ? entry.Available + entry.Held : 0;
            }
        }

        Assert.Equal((traders * 1_000L, traders * 1_000_000L), (base1, quote2));
        foreach (DarkPoolClient client in clients)
        {
            await client.DisposeAsync();
        }

        foreach (Secp256k1AccountKey key in keys)
        {
            key.Dispose();
        }
    }

    [Fact]
    public async Task Events_StreamCutOffAsASlowReader_ResumesWithoutGapOrDuplicate()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(o => o.StreamQueueCapacity = 1);
        using var key = Secp256k1AccountKey.Generate();
        await using DarkPoolClient trader = await DarkPoolClient.ConnectAsync(server.Channel, key, server.Policy);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using IAsyncEnumerator<DecodedResponse> events = trader.EventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Task<bool> first = events.MoveNextAsync().AsTask();

        // Bursts of events the gateway's one-slot queue cannot hold: the stream is cut and the SDK resumes. Deposits are
        // answered one record at a time, so on a busy machine the reader may keep up with them; a mass cancel's answer
        // carries every cancelled order's event at once, which no reader keeps up with.
        const int deposits = 200;
        const int resting = 40;
        await Task.WhenAll(Enumerable.Range(0, deposits).Select(_ => server.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, trader.Account, 2, 1))));
        _ = await server.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, trader.Account, 1, resting));
        for (int n = 1; n <= resting; n++)
        {
            RequestResult placed = await trader.PlaceAsync(new PlaceOrder
            {
                Market = 1, ClientOrderId = n, Side = OrderSide.Sell, Type = OrderKind.Limit, Price = 5_000, Quantity = 1,
            });
            Assert.Equal(RequestOutcome.Answered, placed.Outcome);
        }

        RequestResult massCancel = await trader.MassCancelAsync(1);
        Assert.Equal(RequestOutcome.Answered, massCancel.Outcome);

        Assert.True(await first);
        var seen = new List<DecodedResponse> { events.Current };
        while (seen[^1].Kind != ResponseKind.MassCancelled && await events.MoveNextAsync())
        {
            seen.Add(events.Current);
        }

        // Every event exactly once and in order: the deposits' balances count up by one, each order accepted and then
        // cancelled once, the mass cancel last.
        Assert.Equal(
            Enumerable.Range(1, deposits).Select(i => (long)i),
            seen.Where(e => e.Kind == ResponseKind.BalanceChanged && e.BalanceChanged.Asset == 2).Select(e => e.BalanceChanged.Available));
        Assert.Equal(Enumerable.Range(1, resting).Select(i => (long)i), seen.Where(e => e.Kind == ResponseKind.OrderAccepted).Select(e => e.Accepted.ClientOrderId));
        Assert.Equal(
            Enumerable.Range(1, resting).Select(i => (long)i),
            seen.Where(e => e.Kind == ResponseKind.OrderCancelled).Select(e => e.Cancelled.ClientOrderId).Order());
        Assert.Equal(resting, seen[^1].MassCancelled.Count);
        Assert.True(
            seen.FindIndex(e => e.Kind == ResponseKind.OrderCancelled) > seen.FindLastIndex(e => e.Kind == ResponseKind.OrderAccepted),
            "an order was cancelled before the last one was accepted");
        Assert.True(server.Host.Events.For(trader.SessionId).SlowSubscribersCut > 0, "the stream was never cut off: the test did not exercise resumption");
        await cts.CancelAsync();
    }

    [Fact]
    public async Task AddDarkPoolClient_WithoutPolicy_FailsValidation_AndWithOneConnects()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(socket: true);
        using var key = Secp256k1AccountKey.Generate();

        await using ServiceProvider missing = new ServiceCollection().AddDarkPoolClient(o => o.Address = new Uri(server.Address)).BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => missing.GetRequiredService<IDarkPoolClientFactory>());

        await using ServiceProvider services = new ServiceCollection().AddDarkPoolClient(o =>
        {
            o.Address = new Uri(server.Address);
            o.Policy = server.Policy;
        }).BuildServiceProvider();
        await using DarkPoolClient client = await services.GetRequiredService<IDarkPoolClientFactory>().ConnectAsync(key);
        Assert.Equal(RequestOutcome.Answered, (await client.BalancesAsync()).Outcome);
    }

    [Fact]
    public async Task Place_UntrustedGatewayAnswersEmpty_IsNotReportedAccepted()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();

        // A gateway that serves the real evidence and sessions but answers every request with nothing, never forwarding it.
        WebApplicationBuilder builder = DarkPool.Gateway.GatewayExtensions.CreateGatewayBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(server);
        await using WebApplication lying = builder.Build();
        lying.MapGrpcService<ForwardingAttestation>();
        lying.MapGrpcService<ForwardingSessions>();
        lying.MapGrpcService<EmptyRequests>();
        await lying.StartAsync();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress("http://localhost", new Grpc.Net.Client.GrpcChannelOptions { HttpHandler = lying.GetTestServer().CreateHandler() });
        using var key = Secp256k1AccountKey.Generate();
        await using DarkPoolClient client = await DarkPoolClient.ConnectAsync(channel, key, server.Policy);

        RequestResult result = await client.PlaceAsync(new PlaceOrder { Market = 1, ClientOrderId = 1, Side = OrderSide.Buy, Type = OrderKind.Limit, Price = 1, Quantity = 1 });

        Assert.Equal(RequestOutcome.Unknown, result.Outcome);
        Assert.False(result.Accepted);
    }

    [Fact]
    public async Task Restart_RecoveredSession_KeepsReceivingEvents()
    {
        string root = Directory.CreateTempSubdirectory("dp-restart-").FullName;
        try
        {
            using var key = Secp256k1AccountKey.Generate();
            await using ServerFixture first = await ServerFixture.StartAsync(dataFolder: root);
            await using DarkPoolClient trader = await DarkPoolClient.ConnectAsync(first.Channel, key, first.Policy);
            _ = await first.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, trader.Account, 2, 1_000));
            Assert.Equal(RequestOutcome.Answered, (await trader.BalancesAsync()).Outcome);
            await first.StopAsync();

            await using ServerFixture second = await ServerFixture.StartAsync(dataFolder: root);
            Assert.True(second.Host.Events.TryGet(trader.SessionId, out DarkPool.Host.Sessions.SessionEventLog? log), "the recovered session has no event log");
            ulong next = log.NextSequence;
            Assert.True(next > 1, "the log did not continue from the recovered response sequence");
            _ = await second.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, trader.Account, 2, 5));
            Assert.Equal(next + 1, log.NextSequence);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class ForwardingAttestation(ServerFixture server) : V1.Attestation.AttestationBase
    {
        public override async Task<Evidence> GetEvidence(GetEvidenceRequest request, ServerCallContext context) =>
            await new V1.Attestation.AttestationClient(server.Channel).GetEvidenceAsync(request);
    }

    private sealed class ForwardingSessions(ServerFixture server) : Sessions.SessionsBase
    {
        public override async Task<OpenSessionReply> Open(OpenSessionRequest request, ServerCallContext context) =>
            await new Sessions.SessionsClient(server.Channel).OpenAsync(request);
    }

    private sealed class EmptyRequests : Requests.RequestsBase
    {
        public override Task<SealedReply> Submit(SealedRequest request, ServerCallContext context) => Task.FromResult(new SealedReply());
    }

    private sealed class ReplayingAttestation(Evidence old) : V1.Attestation.AttestationBase
    {
        public override Task<Evidence> GetEvidence(GetEvidenceRequest request, ServerCallContext context) => Task.FromResult(old);
    }
}
