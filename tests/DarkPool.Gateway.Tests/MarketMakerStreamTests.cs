extern alias sdk;

using System.Security.Cryptography;
using DarkPool.Enclave.Core;
using DarkPool.Gateway.Internal;
using DarkPool.Gateway.V1;
using DarkPool.Host.Sessions;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using sdk::DarkPool.Client;

namespace DarkPool.Gateway.Tests;

/// <summary>
/// The market-maker stream (Requests.Stream) and SDK over a real loopback socket: a burst of cancel-replace, batches, bad
/// input, a reader that stops reading, a dropped connection with cancel-on-disconnect, and a missed heartbeat.
/// </summary>
public sealed class MarketMakerStreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CancelReplace_BurstOfAThousand_OneLiveQuoteAndHoldsConsistent()
    {
        await using ServerFixture server = await StartAsync();
        using var key = Secp256k1AccountKey.Generate();
        await using MarketMakerClient mm = await MarketMakerClient.ConnectAsync(server.Channel, key, server.Policy, new MarketMakerOptions { DeadManTimeout = null });
        await FundAsync(server, mm.Account);
        RequestResult first = await mm.PlaceAsync(Bid(1, 900));
        Assert.True(first.Accepted);

        // All thousand in flight at once over the one stream; each replaces the one before.
        var burst = new List<Task<RequestResult>>();
        for (int i = 1; i <= 1_000; i++)
        {
            burst.Add(mm.CancelReplaceAsync(i, Bid(i + 1, 900 + (i % 7))));
        }

        RequestResult[] results = await Task.WhenAll(burst);

        Assert.All(results, r => Assert.Equal(RequestOutcome.Answered, r.Outcome));
        Assert.All(results, r => Assert.True(r.CancelReplaced!.Value.Replaced));
        Assert.Equal(Enumerable.Range(2, 1_000).Select(i => (long)i), results.Select(r => r.CancelReplaced!.Value.ClientOrderId));
        OpenOrderEntry live = Assert.Single(await OpenOrdersAsync(server, key));
        Assert.Equal((1_001L, 900L + (1_000 % 7), 1L), (live.ClientOrderId, live.Price!.Value, live.Remaining));
        BalanceEntry quote = await QuoteBalanceAsync(server, key);
        Assert.Equal(live.Price.Value * live.Remaining, quote.Held);
        Assert.Equal(1_000_000, quote.Available + quote.Held);
    }

    [Fact]
    public async Task BatchPlace_SixteenOverTheStream_OneResultEach_AndMassCancelClearsThem()
    {
        await using ServerFixture server = await StartAsync();
        using var key = Secp256k1AccountKey.Generate();
        await using MarketMakerClient mm = await MarketMakerClient.ConnectAsync(server.Channel, key, server.Policy, new MarketMakerOptions { DeadManTimeout = null });
        await FundAsync(server, mm.Account);
        PlaceOrder[] orders = [.. Enumerable.Range(1, BatchPlace.MaxOrders).Select(i => Bid(i, 880 + i))];
        orders[9] = orders[9] with { ClientOrderId = 3 }; // a duplicate of an earlier order in the same batch

        RequestResult batch = await mm.BatchPlaceAsync(orders);

        Assert.Equal(RequestOutcome.Answered, batch.Outcome);
        Assert.Equal(orders.Select(o => o.ClientOrderId), batch.BatchResults!.Select(r => r.ClientOrderId));
        Assert.Equal(RejectCode.DuplicateOrderId, batch.BatchResults![9].Reject);
        Assert.Equal(15, batch.BatchResults.Count(r => r.Reject == RejectCode.None));
        Assert.Equal(15, (await OpenOrdersAsync(server, key)).Length);

        RequestResult cleared = await mm.MassCancelAsync(null);
        Assert.Equal(15, Assert.Single(cleared.Responses, r => r.Kind == ResponseKind.MassCancelled).MassCancelled.Count);
        Assert.Empty(await OpenOrdersAsync(server, key));
        Assert.Throws<ArgumentException>(() => { _ = mm.BatchPlaceAsync([.. Enumerable.Range(1, BatchPlace.MaxOrders + 1).Select(i => Bid(100 + i, 800))]); });
        Assert.Throws<ArgumentException>(() => { _ = mm.BatchPlaceAsync([]); });
    }

    [Fact]
    public async Task MassQuote_BurstOfLaddersOverTheStream_EveryQuoteReplacedInOrder_AndBadBatchesAreRefusedBeforeSealing()
    {
        await using ServerFixture server = await StartAsync();
        using var key = Secp256k1AccountKey.Generate();
        await using MarketMakerClient mm = await MarketMakerClient.ConnectAsync(server.Channel, key, server.Policy, new MarketMakerOptions { DeadManTimeout = null });
        await FundAsync(server, mm.Account);
        const int Levels = 10;
        Assert.True((await mm.BatchPlaceAsync([.. Enumerable.Range(1, Levels).Select(l => Bid(l, 880 + l))])).Accepted);

        // 200 mass quotes in flight at once over the one stream, each moving all ten levels (2,000 cancel-replaces).
        var burst = new List<Task<RequestResult>>();
        for (int round = 1; round <= 200; round++)
        {
            int r = round;
            burst.Add(mm.BatchCancelReplaceAsync([.. Enumerable.Range(1, Levels).Select(l =>
                CancelReplace.Of(((r - 1) * Levels) + l, Bid((r * Levels) + l, 880 + l + (r % 3))))]));
        }

        RequestResult[] results = await Task.WhenAll(burst);

        Assert.All(results, r => Assert.Equal(RequestOutcome.Answered, r.Outcome));
        Assert.All(results, r => Assert.Equal(Levels, r.BatchCancelReplaced!.Count(q => q.Replaced)));
        Assert.All(results, r => Assert.True(r.Accepted));
        Assert.All(results, r => Assert.Equal(ResponseKind.BatchCancelReplaced, Assert.Single(r.Responses).Kind));
        OpenOrderEntry[] live = await OpenOrdersAsync(server, key);
        Assert.Equal(Enumerable.Range((200 * Levels) + 1, Levels).Select(i => (long)i), live.Select(o => o.ClientOrderId).Order());
        BalanceEntry quote = await QuoteBalanceAsync(server, key);
        Assert.Equal(live.Sum(o => o.Price!.Value * o.Remaining), quote.Held);
        Assert.Equal(1_000_000, quote.Available + quote.Held);

        // One quote whose old order is gone: that one alone is not placed, the others in the same request are.
        RequestResult mixed = await mm.BatchCancelReplaceAsync([CancelReplace.Of(2_001, Bid(3_001, 870)), CancelReplace.Of(424_242, Bid(3_002, 870)), CancelReplace.Of(2_002, Bid(3_003, 871))]);
        Assert.Equal([true, false, true], mixed.BatchCancelReplaced!.Select(q => q.Replaced));
        Assert.False(mixed.Accepted); // answered, but one quote was not replaced (its rejection travels only in the results)
        Assert.Equal((RejectCode.UnknownOrder, PlaceStatus.NotAttempted), (mixed.BatchCancelReplaced![1].CancelReject, mixed.BatchCancelReplaced[1].PlaceStatus));
        Assert.Equal(Levels, (await OpenOrdersAsync(server, key)).Length);

        Assert.Throws<ArgumentException>(() => { _ = mm.BatchCancelReplaceAsync([]); });
        Assert.Throws<ArgumentException>(() =>
        {
            _ = mm.BatchCancelReplaceAsync([.. Enumerable.Range(1, BatchCancelReplace.MaxQuotes + 1).Select(i => CancelReplace.Of(i, Bid(5_000 + i, 800)))]);
        });
        Assert.Throws<ArgumentException>(() => { _ = mm.BatchCancelReplaceAsync([CancelReplace.Of(1, Bid(5_100, 800) with { Side = (OrderSide)7 })]); });
    }

    [Fact]
    public async Task CancelReplace_UnknownOrder_ResultSaysSoAndNothingIsPlaced()
    {
        await using ServerFixture server = await StartAsync();
        using var key = Secp256k1AccountKey.Generate();
        await using MarketMakerClient mm = await MarketMakerClient.ConnectAsync(server.Channel, key, server.Policy, new MarketMakerOptions { DeadManTimeout = null });
        await FundAsync(server, mm.Account);

        RequestResult result = await mm.CancelReplaceAsync(424242, Bid(2, 900));

        Assert.Equal(RequestOutcome.Answered, result.Outcome);
        Assert.Equal((RejectCode.UnknownOrder, PlaceStatus.NotAttempted), (result.CancelReplaced!.Value.CancelReject, result.CancelReplaced.Value.PlaceStatus));
        Assert.Empty(await OpenOrdersAsync(server, key));
    }

    [Fact]
    public async Task Stream_MalformedEnvelopeThenAnotherSessions_RefusedInPlaceThenStreamEndsInvalidArgument()
    {
        await using ServerFixture server = await StartAsync();
        (ClientSession session, _) = await OpenRawSessionAsync(server, SessionFlags.None);
        using (session)
        {
            (ClientSession other, _) = await OpenRawSessionAsync(server, SessionFlags.None);
            using (other)
            {
                using AsyncDuplexStreamingCall<SealedRequest, StreamReply> call = new Requests.RequestsClient(server.Channel).Stream();
                await call.RequestStream.WriteAsync(Request(Seal(session, 1, new Heartbeat { ClientTime = 1 })));
                await call.RequestStream.WriteAsync(new SealedRequest { Envelope = ByteString.CopyFrom(new byte[17]) });
                await call.RequestStream.WriteAsync(Request(Seal(session, 2, new Heartbeat { ClientTime = 2 })));
                await call.RequestStream.WriteAsync(Request(Seal(other, 1, new Heartbeat { ClientTime = 3 })));

                StreamReply[] replies = [await NextAsync(call), await NextAsync(call), await NextAsync(call)];
                RpcException ended = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

                Assert.Equal((1UL, 0), (replies[0].RequestSequence, replies[0].RefusalCode));
                Assert.Equal(((int)StatusCode.InvalidArgument, "TRUNCATED"), (replies[1].RefusalCode, replies[1].RefusalReason));
                Assert.Equal((2UL, 0, 1), (replies[2].RequestSequence, replies[2].RefusalCode, replies[2].Envelopes.Count));
                Assert.Equal(StatusCode.InvalidArgument, ended.StatusCode);
            }
        }
    }

    [Fact]
    public async Task Stream_ExpiredRequestInTheMiddle_RefusedAndTheRequestsAfterItAreResentAndAnswered()
    {
        await using ServerFixture server = await StartAsync();
        using var key = Secp256k1AccountKey.Generate();
        var clock = new ShiftableTime();
        await using MarketMakerClient mm = await MarketMakerClient.ConnectAsync(server.Channel, key, server.Policy,
            new MarketMakerOptions { DeadManTimeout = null, Time = clock, RequestTimeout = TimeSpan.FromSeconds(30) });
        await FundAsync(server, mm.Account);

        // This one expires before the enclave sees it; the two behind it reach the enclave out of sequence (a gap).
        clock.Shift = TimeSpan.FromMinutes(-5);
        Task<RequestResult> expired = mm.PlaceAsync(Bid(1, 900));
        clock.Shift = TimeSpan.Zero;
        Task<RequestResult> second = mm.PlaceAsync(Bid(2, 900));
        Task<RequestResult> third = mm.CancelReplaceAsync(2, Bid(3, 901));

        Assert.Equal(RequestOutcome.Refused, (await expired).Outcome);
        Assert.Equal("EXPIRED", (await expired).Status!.Value.Detail);
        Assert.True((await second).Accepted);
        Assert.True((await third).CancelReplaced!.Value.Replaced);
        Assert.Equal(3, Assert.Single(await OpenOrdersAsync(server, key)).ClientOrderId);
    }

    [Fact]
    public async Task SlowReader_GatewayStopsReadingItsRequests_OtherSessionsAndStreamsAreServed_ThenEverythingIsAnsweredInOrder()
    {
        const int requests = 4_000;
        // Tiny budgets: 8 per stream, 2 for all streams together inside the enclave.
        await using ServerFixture server = await StartAsync(inFlight: 8, total: 2);
        (ClientSession session, SessionEventLog log) = await OpenRawSessionAsync(server, SessionFlags.None);
        using var own = GrpcChannel.ForAddress(server.Address);
        using AsyncDuplexStreamingCall<SealedRequest, StreamReply> call = new Requests.RequestsClient(own).Stream();
        using (session)
        {
            var envelopes = Enumerable.Range(1, requests).Select(i => Request(Seal(session, (ulong)i, new Heartbeat { ClientTime = i }))).ToList();

            // The client writes everything and reads nothing.
            Task writing = Task.Run(async () =>
            {
                foreach (SealedRequest envelope in envelopes)
                {
                    await call.RequestStream.WriteAsync(envelope);
                }

                await call.RequestStream.CompleteAsync();
            });

            // Meanwhile another trader is served as usual.
            using var otherKey = Secp256k1AccountKey.Generate();
            await using DarkPoolClient other = await DarkPoolClient.ConnectAsync(server.Channel, otherKey, server.Policy);
            await FundAsync(server, other.Account);
            for (int i = 1; i <= 5; i++)
            {
                Assert.True((await other.PlaceAsync(Bid(i, 900))).Accepted);
            }

            // And another market maker's stream: the stuck stream holds no share of the streams' common budget.
            using var makerKey = Secp256k1AccountKey.Generate();
            await using MarketMakerClient maker = await MarketMakerClient.ConnectAsync(server.Channel, makerKey, server.Policy, new MarketMakerOptions { DeadManTimeout = null });
            await FundAsync(server, maker.Account);
            Assert.True((await maker.PlaceAsync(Bid(1, 800))).Accepted);
            RequestResult[] moves = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => maker.CancelReplaceAsync(i, Bid(i + 1, 800 + i))));
            Assert.All(moves, m => Assert.True(m.CancelReplaced!.Value.Replaced));

            // The gateway stops taking the slow reader's requests: what the enclave answered stops growing well short of
            // everything, and the client's writes are held.
            ulong answered = await SettledAsync(() => log.NextSequence - 1);
            Assert.InRange(answered, 1UL, requests - 1UL);
            Assert.False(writing.IsCompleted);

            // Once it reads, every request is answered, in order.
            for (int i = 1; i <= requests; i++)
            {
                StreamReply reply = await NextAsync(call);
                Assert.Equal(((ulong)i, 0, 1), (reply.RequestSequence, reply.RefusalCode, reply.Envelopes.Count));
            }

            await writing.WaitAsync(Patience);
            Assert.False(await call.ResponseStream.MoveNext());
            Assert.Equal((ulong)requests, log.NextSequence - 1);
        }
    }

    [Fact]
    public async Task DroppedConnection_CancelOnDisconnect_OrdersGoneAsAnotherSessionSees()
    {
        await using ServerFixture server = await StartAsync();
        SessionConnections connections = server.Services.GetRequiredService<SessionConnections>();
        using var key = Secp256k1AccountKey.Generate();
        var own = GrpcChannel.ForAddress(server.Address);
        MarketMakerClient mm = await MarketMakerClient.ConnectAsync(own, key, server.Policy, new MarketMakerOptions { CancelOnDisconnect = true, DeadManTimeout = null });
        await FundAsync(server, mm.Account);
        Assert.True((await mm.BatchPlaceAsync([Bid(1, 900), Bid(2, 901), Bid(3, 902)])).BatchResults!.All(r => r.Reject == RejectCode.None));
        Assert.Equal(3, (await OpenOrdersAsync(server, key)).Length);
        long endedBefore = connections.Ended;

        // The connection drops under the client (no goodbye on the stream).
        own.Dispose();
        await WaitAsync(() => connections.Ended > endedBefore && connections.DisconnectsSent >= 1);

        Assert.Empty(await OpenOrdersAsync(server, key));
        Assert.Equal(0, (await QuoteBalanceAsync(server, key)).Held);
        await mm.DisposeAsync();
    }

    [Fact]
    public async Task MissedHeartbeat_OrdersCancelledByTheEnclave_JournaledAndStillCancelledAfterRecovery()
    {
        string root = Directory.CreateTempSubdirectory("dp-mm-").FullName;
        try
        {
            using var key = Secp256k1AccountKey.Generate();
            await using (ServerFixture server = await StartAsync(dataFolder: root))
            {
                // A market maker whose heartbeats stop after the first (its clock's timers never fire: a hung process).
                var hung = new ShiftableTime { TimersNeverFire = true };
                await using MarketMakerClient mm = await MarketMakerClient.ConnectAsync(server.Channel, key, server.Policy,
                    new MarketMakerOptions { CancelOnDisconnect = false, DeadManTimeout = TimeSpan.FromSeconds(1), Time = hung });
                await FundAsync(server, mm.Account);
                using var cts = new CancellationTokenSource(Patience);
                await using IAsyncEnumerator<DecodedResponse> events = mm.EventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
                Assert.True((await mm.PlaceAsync(Bid(1, 900))).Accepted);
                Assert.True((await mm.PlaceAsync(Bid(2, 901))).Accepted);

                // The host's ticks move enclave time past the deadline; the enclave cancels.
                var cancelled = new List<OrderCancelled>();
                while (cancelled.Count < 2 && await events.MoveNextAsync())
                {
                    if (events.Current.Kind == ResponseKind.OrderCancelled)
                    {
                        cancelled.Add(events.Current.Cancelled);
                    }
                }

                Assert.All(cancelled, c => Assert.Equal(CancelCode.HeartbeatMissed, c.Reason));
                Assert.Equal([1L, 2L], cancelled.Select(c => c.ClientOrderId).Order());
                Assert.Empty(await OpenOrdersAsync(server, key));
                await server.StopAsync();
            }

            await using ServerFixture restarted = await StartAsync(dataFolder: root);
            Assert.Empty(await OpenOrdersAsync(restarted, key));
            Assert.Equal(0, (await QuoteBalanceAsync(restarted, key)).Held);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task AutomaticHeartbeats_KeepTheOrdersWhileTheEnclaveTicksPastManyTimeouts()
    {
        await using ServerFixture server = await StartAsync();
        using var key = Secp256k1AccountKey.Generate();
        await using MarketMakerClient mm = await MarketMakerClient.ConnectAsync(server.Channel, key, server.Policy,
            new MarketMakerOptions { CancelOnDisconnect = false, DeadManTimeout = TimeSpan.FromSeconds(2), HeartbeatInterval = TimeSpan.FromMilliseconds(250) });
        await FundAsync(server, mm.Account);
        using var cts = new CancellationTokenSource(Patience);
        await using IAsyncEnumerator<DecodedResponse> events = mm.EventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True((await mm.PlaceAsync(Bid(1, 900))).Accepted);

        // Heartbeats echo the client's clock: wait until they span a few dead-man timeouts (a stall of the client of
        // more than 1.75 s would let the switch fire: that is the switch working, and this test would say so).
        long first = 0, last = 0;
        while (last - first < 5_000 && await events.MoveNextAsync())
        {
            Assert.NotEqual(ResponseKind.OrderCancelled, events.Current.Kind);
            if (events.Current.Kind == ResponseKind.HeartbeatAck)
            {
                last = events.Current.HeartbeatAck.ClientTime;
                first = first == 0 ? last : first;
            }
        }

        Assert.Equal(1, Assert.Single(await OpenOrdersAsync(server, key)).ClientOrderId);
    }

    private static Task<ServerFixture> StartAsync(int inFlight = 1024, int total = 128, string? dataFolder = null) => ServerFixture.StartAsync(o =>
    {
        o.RequestsPerSecondPerSession = 1_000_000;
        o.CallsPerSecondPerConnection = 1_000_000;
        o.StreamInFlight = inFlight;
        o.StreamInFlightTotal = total;
    }, socket: true, dataFolder: dataFolder);

    private static PlaceOrder Bid(long clientOrderId, long price) => new()
    {
        Market = 1, ClientOrderId = clientOrderId, Side = OrderSide.Buy, Type = OrderKind.Limit, Price = price, Quantity = 1,
    };

    private static async Task FundAsync(ServerFixture server, AccountAddress account) =>
        _ = await server.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, account, 2, 1_000_000));

    /// <summary>The account's resting orders, asked over a fresh session of the same account (orders belong to accounts).</summary>
    private static async Task<OpenOrderEntry[]> OpenOrdersAsync(ServerFixture server, Secp256k1AccountKey key)
    {
        await using DarkPoolClient observer = await DarkPoolClient.ConnectAsync(server.Channel, key, server.Policy);
        RequestResult result = await observer.OpenOrdersAsync();
        var entries = new List<OpenOrderEntry>();
        while (true)
        {
            Assert.Equal(RequestOutcome.Answered, result.Outcome);
            OpenOrdersPage page = Assert.Single(result.Responses, r => r.Kind == ResponseKind.OpenOrdersPage).OpenOrders;
            entries.AddRange(page.Entries ?? []);
            if (page.NextCursor == 0)
            {
                return [.. entries];
            }

            result = await observer.OpenOrdersAsync(null, page.NextCursor);
        }
    }

    private static async Task<BalanceEntry> QuoteBalanceAsync(ServerFixture server, Secp256k1AccountKey key)
    {
        await using DarkPoolClient observer = await DarkPoolClient.ConnectAsync(server.Channel, key, server.Policy);
        RequestResult result = await observer.BalancesAsync();
        Assert.Equal(RequestOutcome.Answered, result.Outcome);
        return Assert.Single(Assert.Single(result.Responses, r => r.Kind == ResponseKind.BalancePage).Balances.Entries!, e => e.Asset == 2);
    }

    /// <summary>A session opened by hand (for what the SDK never does), with its event log on the host.</summary>
    private static async Task<(ClientSession Session, SessionEventLog Log)> OpenRawSessionAsync(ServerFixture server, SessionFlags flags)
    {
        Evidence evidence = await new V1.Attestation.AttestationClient(server.Channel).GetEvidenceAsync(
            new GetEvidenceRequest { Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)) });
        using var key = Secp256k1AccountKey.Generate();
        ClientSession session = ClientSession.Create(evidence.KeyAgreementPublicKey.Span, SHA256.HashData(evidence.Quote.Span), key,
            DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds(), flags);
        _ = await new Sessions.SessionsClient(server.Channel).OpenAsync(new OpenSessionRequest { Handshake = ByteString.CopyFrom(session.HandshakeMessage) });
        Assert.True(server.Host.Events.TryGet(session.SessionId, out SessionEventLog? log));
        return (session, log);
    }

    private static byte[] Seal<T>(ClientSession session, ulong requestId, in T body)
        where T : struct, IRequestBody<T>
    {
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        _ = session.SealRequest(requestId, DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeMilliseconds(), body, envelope);
        return envelope;
    }

    private static SealedRequest Request(byte[] envelope) => new() { Envelope = ByteString.CopyFrom(envelope) };

    private static async Task<StreamReply> NextAsync(AsyncDuplexStreamingCall<SealedRequest, StreamReply> call)
    {
        using var cts = new CancellationTokenSource(Patience);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        return call.ResponseStream.Current;
    }

    /// <summary>Waits until <paramref name="read"/> stops changing for a while (a hang guard bounds it), and returns it.</summary>
    private static async Task<ulong> SettledAsync(Func<ulong> read)
    {
        using var deadline = new CancellationTokenSource(Patience);
        ulong last = read();
        int still = 0;
        while (still < 10)
        {
            await Task.Delay(100, deadline.Token);
            ulong now = read();
            still = now == last ? still + 1 : 0;
            last = now;
        }

        return last;
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>The system clock, shifted at will; optionally with timers that never fire.</summary>
    private sealed class ShiftableTime : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public bool TimersNeverFire { get; init; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            TimersNeverFire ? new Silent() : System.CreateTimer(callback, state, dueTime, period);

        private sealed class Silent : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
