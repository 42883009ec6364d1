extern alias sdk;

using DarkPool.Enclave.Core;
using DarkPool.Gateway.Internal;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using sdk::DarkPool.Client;

namespace DarkPool.Gateway.Tests;

/// <summary>
/// Cancel-on-disconnect over a real loopback socket: a session's event stream is its connection once the session's holder
/// proved it over the same HTTP/2 connection; its drop cancels the account's orders if the session chose so, and a stranger
/// who subscribes with the session id and hangs up cancels nothing.
/// </summary>
public sealed class CancelOnDisconnectTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(SessionFlags.CancelOnDisconnect, 0)]
    [InlineData(SessionFlags.None, 2)]
    public async Task OwnedStreamDropped_GatewayReportsIt_EnclaveCancelsOnlyIfTheSessionChoseSo(SessionFlags flags, int ordersLeft)
    {
        await using ServerFixture server = await ServerFixture.StartAsync(socket: true);
        SessionConnections connections = server.Services.GetRequiredService<SessionConnections>();
        using var key = Secp256k1AccountKey.Generate();

        using (GrpcChannel own = GrpcChannel.ForAddress(server.Address))
        {
            await using DarkPoolClient trader = await ConnectAsync(own, key, server, flags);
            await FundAsync(server, trader.Account);
            using var cts = new CancellationTokenSource(Patience);
            await using IAsyncEnumerator<DecodedResponse> events = trader.EventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
            await PlaceRestingAsync(trader, 1);
            Assert.True(await events.MoveNextAsync());

            // The stream is open now; this request, over the same connection, proves the session owns it.
            await PlaceRestingAsync(trader, 2);
            await cts.CancelAsync();
        }

        await WaitAsync(() => connections.DisconnectsDone >= 1);

        // The gateway reports the drop either way; the enclave, which alone knows the session's flags, decides.
        Assert.Equal(1, connections.DisconnectsSent);
        Assert.Equal(ordersLeft, await OpenOrderCountAsync(server, key));
    }

    [Fact]
    public async Task StrangerSubscribesWithTheSessionIdAndHangsUp_NothingCancelled()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(socket: true);
        SessionConnections connections = server.Services.GetRequiredService<SessionConnections>();
        using var key = Secp256k1AccountKey.Generate();
        using GrpcChannel own = GrpcChannel.ForAddress(server.Address);
        await using DarkPoolClient trader = await ConnectAsync(own, key, server, SessionFlags.CancelOnDisconnect);
        await FundAsync(server, trader.Account);
        await PlaceRestingAsync(trader, 1);

        // Another connection that knows the session id (as the operator or a wire observer would) reads its ciphertext
        // and leaves, twice: before and after the holder's next request.
        var id = new byte[DarkPool.Protocol.SessionId.Size];
        trader.SessionId.WriteTo(id);
        using (GrpcChannel stranger = GrpcChannel.ForAddress(server.Address))
        {
            for (int round = 0; round < 2; round++)
            {
                using var cts = new CancellationTokenSource(Patience);
                using AsyncServerStreamingCall<SealedEvent> call = new Events.EventsClient(stranger).Subscribe(
                    new SubscribeRequest { SessionId = ByteString.CopyFrom(id), FromSequence = 0 }, cancellationToken: cts.Token);
                Assert.True(await call.ResponseStream.MoveNext(cts.Token));
                await PlaceRestingAsync(trader, 10 + round);
                await cts.CancelAsync();
            }
        }

        await WaitAsync(() => connections.Ended >= 2);

        Assert.Equal(0, connections.DisconnectsSent);
        Assert.Equal(3, await OpenOrderCountAsync(server, key));
    }

    [Fact]
    public async Task SdkCatchUpRead_OfACancelOnDisconnectSession_IsNotADisconnect()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(socket: true);
        SessionConnections connections = server.Services.GetRequiredService<SessionConnections>();
        using var key = Secp256k1AccountKey.Generate();
        using var otherKey = Secp256k1AccountKey.Generate();
        using GrpcChannel own = GrpcChannel.ForAddress(server.Address);
        await using DarkPoolClient trader = await ConnectAsync(own, key, server, SessionFlags.CancelOnDisconnect);
        await FundAsync(server, trader.Account);
        await PlaceRestingAsync(trader, 1);
        await PlaceRestingAsync(trader, 2);

        // A seller fills order 1: the fill reaches the trader's session before the answer to its next request, so the
        // SDK reads it with a short catch-up stream over the trader's own connection, then ends that stream.
        using GrpcChannel theirs = GrpcChannel.ForAddress(server.Address);
        await using DarkPoolClient seller = await ConnectAsync(theirs, otherKey, server, SessionFlags.None);
        _ = await server.Host.SubmitOperatorAsync(DarkPool.Enclave.Core.EnclaveRecords.Deposit(0, seller.Account, 1, 10));
        RequestResult sold = await seller.PlaceAsync(new PlaceOrder
        {
            Market = 1, ClientOrderId = 1, Side = OrderSide.Sell, Type = OrderKind.Limit, Price = 900, Quantity = 1, TimeInForce = OrderTimeInForce.Ioc,
        });
        Assert.Contains(sold.Responses, r => r.Kind == ResponseKind.OrderFilled);
        RequestResult balances = await trader.BalancesAsync();
        Assert.Equal(RequestOutcome.Answered, balances.Outcome);
        await WaitAsync(() => connections.CatchUpsEnded >= 1);

        Assert.Equal(0, connections.DisconnectsSent);
        Assert.Equal(1, await OpenOrderCountAsync(server, key));
    }

    private static Task<DarkPoolClient> ConnectAsync(GrpcChannel channel, Secp256k1AccountKey key, ServerFixture server, SessionFlags flags) =>
        DarkPoolClient.ConnectAsync(channel, key, server.Policy, new DarkPoolClientOptions { Flags = flags });

    private static async Task FundAsync(ServerFixture server, AccountAddress account) =>
        _ = await server.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, account, 2, 1_000_000));

    private static async Task PlaceRestingAsync(DarkPoolClient trader, long clientOrderId)
    {
        RequestResult placed = await trader.PlaceAsync(new PlaceOrder
        {
            Market = 1, ClientOrderId = clientOrderId, Side = OrderSide.Buy, Type = OrderKind.Limit, Price = 900, Quantity = 1,
        });
        Assert.Equal(RequestOutcome.Answered, placed.Outcome);
        Assert.Contains(placed.Responses, r => r.Kind == ResponseKind.OrderAccepted);
    }

    /// <summary>The account's resting orders, asked over a fresh connection and session (orders belong to accounts).</summary>
    private static async Task<int> OpenOrderCountAsync(ServerFixture server, Secp256k1AccountKey key)
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(server.Address);
        await using DarkPoolClient observer = await ConnectAsync(channel, key, server, SessionFlags.None);
        RequestResult result = await observer.OpenOrdersAsync();
        Assert.Equal(RequestOutcome.Answered, result.Outcome);
        DecodedResponse page = Assert.Single(result.Responses, r => r.Kind == ResponseKind.OpenOrdersPage);
        Assert.Equal(0, page.OpenOrders.NextCursor);
        return page.OpenOrders.Entries?.Length ?? 0;
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
