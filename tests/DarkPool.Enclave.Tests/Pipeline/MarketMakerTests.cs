using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Tests.Pipeline.Support;
using DarkPool.Engine;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using static DarkPool.Enclave.Tests.Pipeline.Support.EnclaveHarness;

namespace DarkPool.Enclave.Tests.Pipeline;

/// <summary>Cancel-replace, batch place and the mass quote: composed inside the enclave from engine commands, one journal record each.</summary>
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

    [Fact]
    public async Task BatchCancelReplace_MixedQuotes_OneResultEachInOrder_AndTheSummaryIsTheRequestersOnlyAcknowledgement()
    {
        using var h = new EnclaveHarness();
        await h.CreateMarketAsync();
        using var key = Secp256k1AccountKey.Generate();
        ClientSession mm = await h.ConnectAsync(key);
        ClientSession watcher = await h.ConnectAsync(key); // the same account's other session (a monitor)
        ClientSession other = await h.ConnectAsync();
        await h.DepositAsync(mm, Quote, 10_000);
        await h.DepositAsync(other, Base, 100);
        _ = h.Open(mm, await SendBatchAsync(h, mm, 1, [Limit(1, OrderSide.Buy, 90, 5), Limit(2, OrderSide.Buy, 91, 5), Limit(3, OrderSide.Buy, 92, 5)]));
        _ = await h.SendAsync(other, 1, Limit(500, OrderSide.Sell, 95, 10));
        _ = h.Open(watcher);
        long heldBefore = Held(h, mm, Quote);

        CancelReplace[] quotes =
        [
            CancelReplace.Of(1, Limit(11, OrderSide.Buy, 93, 4)),                              // replaced
            CancelReplace.Of(99, Limit(12, OrderSide.Buy, 93, 4)),                             // unknown: nothing placed
            CancelReplace.Of(2, Limit(13, OrderSide.Buy, 93, 1_000)),                          // cancelled, new one lacks funds
            CancelReplace.Of(3, Limit(14, OrderSide.Buy, 95, 2) with { PostOnly = true }),    // cancelled, post-only would cross
            CancelReplace.Of(11, Limit(15, OrderSide.Buy, 94, 3)),                             // chains on the first quote's new order
        ];
        List<DecodedResponse> seen = h.Open(mm, await SendMassQuoteAsync(h, mm, 2, quotes));

        DecodedResponse summary = Assert.Single(seen);
        Assert.Equal((ResponseKind.BatchCancelReplaced, 2UL), (summary.Kind, summary.ClientRequestId));
        Assert.Equal(
            [
                (RejectCode.None, 5L, PlaceStatus.Accepted, RejectCode.None),
                (RejectCode.UnknownOrder, 0L, PlaceStatus.NotAttempted, RejectCode.None),
                (RejectCode.None, 5L, PlaceStatus.Rejected, RejectCode.InsufficientFunds),
                (RejectCode.None, 5L, PlaceStatus.Rejected, RejectCode.PostOnlyWouldCross),
                (RejectCode.None, 4L, PlaceStatus.Accepted, RejectCode.None),
            ],
            summary.BatchCancelReplaced.Results!.Select(r => (r.CancelReject, r.CancelledQuantity, r.PlaceStatus, r.PlaceReject)));
        OpenOrder only = Assert.Single(OpenOrders(h, mm));
        Assert.Equal((15L, 94L, 3L), (only.OrderId, only.Price, only.Remaining));
        Assert.Equal(94 * 3, Held(h, mm, Quote));
        Assert.NotEqual(heldBefore, Held(h, mm, Quote));

        // The account's other session is told every half, as if each had been sent alone.
        List<DecodedResponse> watched = h.Open(watcher);
        Assert.All(watched, r => Assert.Equal(0UL, r.ClientRequestId));
        Assert.Equal([1L, 2L, 3L, 11L], watched.Where(r => r.Kind == ResponseKind.OrderCancelled).Select(r => r.Cancelled.ClientOrderId));
        Assert.Equal([11L, 15L], watched.Where(r => r.Kind == ResponseKind.OrderAccepted).Select(r => r.Accepted.ClientOrderId));
        Assert.Equal(
            [(99L, RejectCode.UnknownOrder), (13L, RejectCode.InsufficientFunds), (14L, RejectCode.PostOnlyWouldCross)],
            watched.Where(r => r.Kind == ResponseKind.RequestRejected).Select(r => (r.Rejected.ClientOrderId, r.Rejected.Reason)));
        h.Core.CheckConsistency();
    }

    [Fact]
    public async Task BatchCancelReplace_ANewQuoteThatTrades_FillsStillReachBothSidesAndTheRestRests()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        ClientSession other = await h.ConnectAsync();
        await h.DepositAsync(other, Base, 100);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 90, 5)));
        _ = h.Open(other, await h.SendAsync(other, 1, Limit(500, OrderSide.Sell, 95, 2)));

        List<DecodedResponse> seen = h.Open(mm, await SendMassQuoteAsync(h, mm, 2, [CancelReplace.Of(1, Limit(2, OrderSide.Buy, 96, 5))]));

        Assert.Equal([ResponseKind.BatchCancelReplaced, ResponseKind.OrderFilled], seen.Select(r => r.Kind));
        Assert.True(seen[0].BatchCancelReplaced.Results![0].Replaced);
        Assert.Equal((2L, 95L, 2L), (seen[1].Filled.ClientOrderId, seen[1].Filled.Price, seen[1].Filled.Quantity));
        DecodedResponse makerFill = Assert.Single(h.Open(other), r => r.Kind == ResponseKind.OrderFilled);
        Assert.Equal((500L, 2L), (makerFill.Filled.ClientOrderId, makerFill.Filled.Quantity));
        OpenOrder rest = Assert.Single(OpenOrders(h, mm));
        Assert.Equal((2L, 96L, 3L), (rest.OrderId, rest.Price, rest.Remaining));
        Assert.Equal(2, h.Core.Engine.GetAvailable(Account(h, mm), Base));
    }

    [Fact]
    public async Task BatchCancelReplace_ResubmittedRequestId_AnswersTheFirstSummaryWithoutRunningAgain()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));
        CancelReplace[] quotes = [CancelReplace.Of(1, Limit(2, OrderSide.Buy, 101, 4))];
        BatchCancelReplaceResult first = Assert.Single(h.Open(mm, await SendMassQuoteAsync(h, mm, 2, quotes))).BatchCancelReplaced.Results![0];

        DecodedResponse again = Assert.Single(h.Open(mm, await SendMassQuoteAsync(h, mm, 2, quotes)));

        Assert.Equal(ResponseKind.BatchCancelReplaced, again.Kind);
        Assert.Equal(first, again.BatchCancelReplaced.Results![0]);
        Assert.True(first.Replaced);
        Assert.Equal(2L, Assert.Single(OpenOrders(h, mm)).OrderId);
    }

    [Fact]
    public async Task BatchCancelReplace_BurstOfFifteenQuoteLadders_EveryQuoteReplacedAndReplaysToTheSameHash()
    {
        using var h = new EnclaveHarness(options: new EnclavePipelineOptions { SnapshotEveryRecords = 0 });
        ClientSession mm = await MarketMakerAsync(h);
        const int Levels = BatchCancelReplace.MaxQuotes;
        _ = h.Open(mm, await SendBatchAsync(h, mm, 1, [.. Enumerable.Range(0, Levels).Select(l => Limit(l + 1, OrderSide.Buy, 50 + l, 1))]));

        // 300 mass quotes in the ring at once, each moving all fifteen levels: 4,500 cancel-replaces.
        var burst = new List<Task<EnclaveReply>>();
        for (int round = 1; round <= 300; round++)
        {
            CancelReplace[] ladder = [.. Enumerable.Range(0, Levels).Select(l => CancelReplace.Of(
                ((round - 1) * Levels) + l + 1, Limit((round * Levels) + l + 1, OrderSide.Buy, 50 + l + (round % 5), 1 + (round % 3))))];
            burst.Add(SendMassQuoteAsync(h, mm, (ulong)round + 1, ladder));
        }

        EnclaveReply[] replies = await Task.WhenAll(burst);
        Assert.All(replies, r => Assert.Equal(ReplyStatus.Done, r.Status));
        List<DecodedResponse> seen = h.Open(mm, replies);
        Assert.All(seen, r => Assert.Equal(ResponseKind.BatchCancelReplaced, r.Kind));
        Assert.Equal(300 * Levels, seen.Sum(r => r.BatchCancelReplaced.Results!.Count(q => q.Replaced)));
        OpenOrder[] live = OpenOrders(h, mm);
        Assert.Equal(Enumerable.Range((300 * Levels) + 1, Levels).Select(i => (long)i), live.Select(o => o.OrderId).Order());
        Assert.Equal(live.Sum(o => o.Price * o.Remaining), Held(h, mm, Quote));
        h.Core.CheckConsistency();

        long hash = h.Core.ComputeStateHash();
        h.Stop();
        h.Reopen();
        Assert.Equal(hash, h.Core.ComputeStateHash());
        h.CrashAndRecover();
        Assert.Equal(hash, h.Core.ComputeStateHash());
        Assert.Equal(Levels, OpenOrders(h, mm).Length);
    }

    [Fact]
    public async Task BatchCancelReplace_InAStandardEnvelope_RefusedAndNothingChanges()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));
        var envelope = new byte[EnvelopeLayout.BulkEnvelopeSize];
        mm.SealRequest(2, h.Clock.UnixMs + 60_000, new BatchCancelReplace { Quotes = [CancelReplace.Of(1, Limit(2, OrderSide.Buy, 101, 4))] }, envelope);

        EnclaveReply truncated = await h.Pipeline.SubmitEnvelopeAsync(envelope.AsSpan(0, EnvelopeLayout.StandardEnvelopeSize));

        Assert.Equal(ReplyStatus.Refused, truncated.Status);
        Assert.Equal(1L, Assert.Single(OpenOrders(h, mm)).OrderId);
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

    internal static Task<EnclaveReply> SendMassQuoteAsync(EnclaveHarness h, ClientSession client, ulong requestId, CancelReplace[] quotes)
    {
        var envelope = new byte[EnvelopeLayout.BulkEnvelopeSize];
        Assert.Equal(EnvelopeLayout.BulkEnvelopeSize, client.SealRequest(requestId, h.Clock.UnixMs + 60_000, new BatchCancelReplace { Quotes = quotes }, envelope));
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
