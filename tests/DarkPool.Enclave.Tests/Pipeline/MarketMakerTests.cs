using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Tests.Pipeline.Support;
using DarkPool.Engine;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using static DarkPool.Enclave.Tests.Pipeline.Support.EnclaveHarness;

namespace DarkPool.Enclave.Tests.Pipeline;

/// <summary>Cancel-replace and batch place: composed inside the enclave from engine commands, one journal record each.</summary>
public sealed class MarketMakerTests
{
    [Fact]
    public async Task CancelReplace_RestingOrder_CancelsThenPlacesWithAResultPerHalf()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));

        EnclaveReply reply = await h.SendAsync(mm, 2, CancelReplace.Of(1, Limit(2, OrderSide.Buy, 101, 4)));
        List<DecodedResponse> seen = h.Open(mm, reply);

        Assert.Equal(ResponseKind.CancelReplaced, seen[0].Kind);
        Assert.Equal(2UL, seen[0].ClientRequestId);
        var result = seen[0].CancelReplaced;
        Assert.True(result.Replaced);
        Assert.Equal((Market, 1L, RejectCode.None, 5L, 2L, PlaceStatus.Accepted, RejectCode.None),
            (result.Market, result.CancelledClientOrderId, result.CancelReject, result.CancelledQuantity, result.ClientOrderId, result.PlaceStatus, result.PlaceReject));
        Assert.Equal([ResponseKind.CancelReplaced, ResponseKind.OrderCancelled, ResponseKind.OrderAccepted], seen.Select(r => r.Kind));
        OpenOrder only = Assert.Single(OpenOrders(h, mm));
        Assert.Equal((2L, 101L, 4L), (only.OrderId, only.Price, only.Remaining));
        Assert.Equal(101 * 4, Held(h, mm, Quote));
    }

    [Fact]
    public async Task CancelReplace_UnknownOrder_NewOrderIsNotPlaced()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);

        List<DecodedResponse> seen = h.Open(mm, await h.SendAsync(mm, 1, CancelReplace.Of(99, Limit(2, OrderSide.Buy, 101, 4))));

        var result = seen[0].CancelReplaced;
        Assert.Equal((RejectCode.UnknownOrder, 0L, PlaceStatus.NotAttempted, RejectCode.None),
            (result.CancelReject, result.CancelledQuantity, result.PlaceStatus, result.PlaceReject));
        Assert.Contains(seen, r => r.Kind == ResponseKind.RequestRejected && r.Rejected.Reason == RejectCode.UnknownOrder);
        Assert.DoesNotContain(seen, r => r.Kind == ResponseKind.OrderAccepted);
        Assert.Empty(OpenOrders(h, mm));
        Assert.Equal(0, Held(h, mm, Quote));
    }

    [Fact]
    public async Task CancelReplace_OldQuoteAlreadyFilled_NewOneIsNotPlaced()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        ClientSession taker = await h.ConnectAsync();
        await h.DepositAsync(taker, Base, 100);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));
        _ = await h.SendAsync(taker, 1, Limit(50, OrderSide.Sell, 100, 5, OrderTimeInForce.Ioc));

        List<DecodedResponse> seen = h.Open(mm, await h.SendAsync(mm, 2, CancelReplace.Of(1, Limit(2, OrderSide.Buy, 99, 5))));

        var result = seen.First(r => r.Kind == ResponseKind.CancelReplaced).CancelReplaced;
        Assert.Equal((RejectCode.UnknownOrder, PlaceStatus.NotAttempted), (result.CancelReject, result.PlaceStatus));
        Assert.Empty(OpenOrders(h, mm));
    }

    [Fact]
    public async Task CancelReplace_NewOrderRejected_CancelStandsAndReasonIsGiven()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h, quote: 1_000);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));

        List<DecodedResponse> seen = h.Open(mm, await h.SendAsync(mm, 2, CancelReplace.Of(1, Limit(2, OrderSide.Buy, 100, 50))));

        var result = seen[0].CancelReplaced;
        Assert.Equal((RejectCode.None, 5L, PlaceStatus.Rejected, RejectCode.InsufficientFunds),
            (result.CancelReject, result.CancelledQuantity, result.PlaceStatus, result.PlaceReject));
        Assert.False(result.Replaced);
        Assert.Empty(OpenOrders(h, mm));
        Assert.Equal(0, Held(h, mm, Quote));
    }

    [Fact]
    public async Task CancelReplace_ResubmittedRequestId_AnswersTheFirstOutcomeWithoutRunningAgain()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));
        _ = h.Open(mm, await h.SendAsync(mm, 2, CancelReplace.Of(1, Limit(2, OrderSide.Buy, 101, 4))));

        List<DecodedResponse> again = h.Open(mm, await h.SendAsync(mm, 2, CancelReplace.Of(1, Limit(2, OrderSide.Buy, 101, 4))));

        DecodedResponse only = Assert.Single(again);
        Assert.Equal(ResponseKind.CancelReplaced, only.Kind);
        Assert.True(only.CancelReplaced.Replaced);
        Assert.Single(OpenOrders(h, mm));
    }

    [Fact]
    public async Task CancelReplace_BurstOfAThousand_OneLiveQuoteHoldsConsistentAndReplaysToTheSameHash()
    {
        using var h = new EnclaveHarness(options: new EnclavePipelineOptions { SnapshotEveryRecords = 0 });
        ClientSession mm = await MarketMakerAsync(h);
        ClientSession other = await h.ConnectAsync();
        await h.DepositAsync(other, Base, 1_000);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));
        _ = await h.SendAsync(other, 1, Limit(9_000, OrderSide.Sell, 200, 3));

        // Pipelined: all thousand are in the ring before the first answer; they run in sequence order.
        var burst = new List<Task<EnclaveReply>>();
        for (int i = 1; i <= 1_000; i++)
        {
            burst.Add(h.Pipeline.SubmitEnvelopeAsync(h.Seal(mm, (ulong)(i + 1), CancelReplace.Of(i, Limit(i + 1, OrderSide.Buy, 100 + (i % 7), 5)))));
        }

        EnclaveReply[] replies = await Task.WhenAll(burst);
        Assert.All(replies, r => Assert.Equal(ReplyStatus.Done, r.Status));
        List<DecodedResponse> seen = h.Open(mm, replies);
        Assert.Equal(1_000, seen.Count(r => r.Kind == ResponseKind.CancelReplaced && r.CancelReplaced.Replaced));
        OpenOrder live = Assert.Single(OpenOrders(h, mm));
        Assert.Equal((1_001L, 100L + (1_000 % 7)), (live.OrderId, live.Price));
        Assert.Equal(live.Price * live.Remaining, Held(h, mm, Quote));
        Assert.Equal(1_000_000, Held(h, mm, Quote) + h.Core.Engine.GetAvailable(Account(h, mm), Quote));
        h.Core.CheckConsistency();

        long hash = h.Core.ComputeStateHash();
        h.Stop();
        h.Reopen();
        Assert.Equal(hash, h.Core.ComputeStateHash());
        Assert.Single(OpenOrders(h, mm));
        h.CrashAndRecover();
        Assert.Equal(hash, h.Core.ComputeStateHash());
    }

    [Fact]
    public async Task BatchPlace_SixteenOrders_OneResultEachInOrder()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(5, OrderSide.Buy, 90, 1)));
        PlaceOrder[] orders = [.. Enumerable.Range(1, BatchPlace.MaxOrders).Select(i => Limit(i, OrderSide.Buy, 80 + i, 1))];
        orders[3] = orders[3] with { Price = null }; // a limit without a price
        orders[6] = orders[6] with { Market = 999 };

        List<DecodedResponse> seen = h.Open(mm, await SendBatchAsync(h, mm, 2, orders));

        Assert.Equal(ResponseKind.BatchPlaced, seen[0].Kind);
        var results = seen[0].BatchPlaced.Results!;
        Assert.Equal(orders.Select(o => o.ClientOrderId), results.Select(r => r.ClientOrderId));
        Assert.Equal(RejectCode.InvalidPrice, results[3].Reject);
        Assert.Equal(RejectCode.DuplicateOrderId, results[4].Reject); // order 5 rests already
        Assert.Equal(RejectCode.UnknownMarket, results[6].Reject);
        Assert.Equal(13, results.Count(r => r.Reject == RejectCode.None));
        Assert.Equal(13, seen.Count(r => r.Kind == ResponseKind.OrderAccepted));
        Assert.Equal(14, OpenOrders(h, mm).Length);

        long hash = h.Core.ComputeStateHash();
        h.Stop();
        h.Reopen();
        Assert.Equal(hash, h.Core.ComputeStateHash());
    }

    [Fact]
    public async Task BatchPlace_InAStandardEnvelope_RefusedUnexpectedSizeClassAndNothingChanges()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        var envelope = new byte[EnvelopeLayout.BulkEnvelopeSize];
        mm.SealRequest(1, h.Clock.UnixMs + 60_000, new BatchPlace { Orders = [Limit(1, OrderSide.Buy, 90, 1)] }, envelope);

        // A standard-sized copy of a bulk header is no envelope at all; the enclave refuses it before the ring.
        EnclaveReply truncated = await h.Pipeline.SubmitEnvelopeAsync(envelope.AsSpan(0, EnvelopeLayout.StandardEnvelopeSize));

        Assert.Equal(ReplyStatus.Refused, truncated.Status);
        Assert.Empty(OpenOrders(h, mm));
    }

    internal static async Task<ClientSession> MarketMakerAsync(EnclaveHarness h, long quote = 1_000_000, DarkPool.Protocol.Handshake.SessionFlags flags = 0)
    {
        await h.CreateMarketAsync();
        ClientSession mm = await h.ConnectAsync(flags: flags);
        await h.DepositAsync(mm, Quote, quote);
        Assert.Equal(ResponseKind.BalanceChanged, Assert.Single(h.Open(mm)).Kind);
        return mm;
    }

    internal static Task<EnclaveReply> SendBatchAsync(EnclaveHarness h, ClientSession client, ulong requestId, PlaceOrder[] orders)
    {
        var envelope = new byte[EnvelopeLayout.BulkEnvelopeSize];
        Assert.Equal(EnvelopeLayout.BulkEnvelopeSize, client.SealRequest(requestId, h.Clock.UnixMs + 60_000, new BatchPlace { Orders = orders }, envelope));
        return h.Pipeline.SubmitEnvelopeAsync(envelope);
    }

    internal static int Account(EnclaveHarness h, ClientSession client)
    {
        Assert.True(h.Core.Accounts.TryGet(client.Account, out int account));
        return account;
    }

    internal static long Held(EnclaveHarness h, ClientSession client, int asset) => h.Core.Engine.GetHeld(Account(h, client), asset);

    internal static OpenOrder[] OpenOrders(EnclaveHarness h, ClientSession client)
    {
        int account = Account(h, client);
        var orders = new OpenOrder[h.Core.Engine.GetOpenOrders(account, [])];
        _ = h.Core.Engine.GetOpenOrders(account, orders);
        return orders;
    }
}
