extern alias sdk;

using DarkPool.Enclave.Core;
using DarkPool.Enclave.Pipeline;
using DarkPool.Host;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using sdk::DarkPool.Client;

namespace DarkPool.Gateway.Tests;

/// <summary>
/// Auction-mode markets in the real server: the host's timer uncrosses them, the uncross is journaled (replay re-derives
/// its fills), and continuous markets are untouched. Time bounds are generous lower bounds only.
/// </summary>
public sealed class AuctionMarketTests
{
    private const int AuctionMarket = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly MarketOptions[] Markets =
    [
        MarketOptions.Default,
        new(AuctionMarket, 1, 2, 1, 1) { Mode = TradingMode.Auction, AuctionIntervalMs = 300, AuctionRandomEndMs = 100 },
    ];

    [Fact]
    public async Task AuctionMarket_CrossingOrdersRestUntilTheTimer_BothFillAtOneClearingPrice_AndTheFillsSurviveRestart()
    {
        string root = Directory.CreateTempSubdirectory("dp-auction-").FullName;
        try
        {
            using var sellerKey = Secp256k1AccountKey.Generate();
            using var buyerKey = Secp256k1AccountKey.Generate();
            var uncrossTimes = new List<long>();
            await using (ServerFixture server = await ServerFixture.StartAsync(dataFolder: root, markets: Markets))
            {
                await using DarkPoolClient seller = await DarkPoolClient.ConnectAsync(server.Channel, sellerKey, server.Policy);
                await using DarkPoolClient buyer = await DarkPoolClient.ConnectAsync(server.Channel, buyerKey, server.Policy);
                await DepositAsync(server, seller.Account, 1, 100);
                await DepositAsync(server, buyer.Account, 2, 1_000_000);
                using var cts = new CancellationTokenSource(Patience);
                await using IAsyncEnumerator<DecodedResponse> sellerEvents = seller.EventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
                await using IAsyncEnumerator<DecodedResponse> buyerEvents = buyer.EventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);

                for (int round = 1; round <= 3; round++)
                {
                    // Crossing orders are only accepted: nothing matches on arrival in a call market.
                    RequestResult sell = await seller.PlaceAsync(Limit(AuctionMarket, round, OrderSide.Sell, 990, 5));
                    RequestResult buy = await buyer.PlaceAsync(Limit(AuctionMarket, round, OrderSide.Buy, 1_010, 5));
                    Assert.Equal([ResponseKind.OrderAccepted], sell.Responses.Select(r => r.Kind));
                    Assert.Equal([ResponseKind.OrderAccepted], buy.Responses.Select(r => r.Kind));

                    // The timer's uncross fills both, at one price, as auction liquidity.
                    OrderFilled sold = await NextFillAsync(sellerEvents);
                    OrderFilled bought = await NextFillAsync(buyerEvents);
                    Assert.Equal((AuctionMarket, (long)round, Liquidity.Auction, 5L), (sold.Market, sold.ClientOrderId, sold.Liquidity, sold.Quantity));
                    Assert.Equal((AuctionMarket, (long)round, Liquidity.Auction, 5L), (bought.Market, bought.ClientOrderId, bought.Liquidity, bought.Quantity));
                    Assert.Equal(sold.Price, bought.Price);
                    Assert.InRange(sold.Price, 990, 1_010);
                }

                // Continuous market 1 is untouched by the timer: a cross there trades on arrival.
                Assert.True((await seller.PlaceAsync(Limit(1, 10, OrderSide.Sell, 1_000, 1))).Accepted);
                RequestResult take = await buyer.PlaceAsync(Limit(1, 10, OrderSide.Buy, 1_000, 1));
                Assert.Equal([ResponseKind.OrderAccepted, ResponseKind.OrderFilled], take.Responses.Select(r => r.Kind));
                Assert.Equal(Liquidity.Taker, take.Responses[1].Filled.Liquidity);

                FillEntry[] fills = await AuctionFillsAsync(buyer);
                uncrossTimes.AddRange(fills.Select(f => f.TimeUnixMs).Order());
                await cts.CancelAsync();
                await server.StopAsync();
            }

            // Three uncrosses, each stamped with its Auction record's enclave time: no two closer than interval - random end
            // (200 ms; 20 ms allowed for the wall clock against the timer's monotonic one).
            Assert.Equal(3, uncrossTimes.Count);
            Assert.All(uncrossTimes.Zip(uncrossTimes.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 180, $"uncrosses {pair.Second - pair.First} ms apart"));

            // Replay re-derives the fills and the balances from the journaled Auction records.
            await using ServerFixture restarted = await ServerFixture.StartAsync(dataFolder: root, markets: Markets);
            await using DarkPoolClient sellerAgain = await DarkPoolClient.ConnectAsync(restarted.Channel, sellerKey, restarted.Policy);
            await using DarkPoolClient buyerAgain = await DarkPoolClient.ConnectAsync(restarted.Channel, buyerKey, restarted.Policy);
            FillEntry[] buys = await AuctionFillsAsync(buyerAgain);
            FillEntry[] sells = await AuctionFillsAsync(sellerAgain);
            Assert.Equal(uncrossTimes, buys.Select(f => f.TimeUnixMs).Order());
            Assert.Equal(buys.Select(f => (f.ClientOrderId, f.Price, f.Quantity)).Order(), sells.Select(f => (f.ClientOrderId, f.Price, f.Quantity)).Order());
            Assert.All(buys, f => Assert.Equal((OrderSide.Buy, Liquidity.Auction), (f.Side, f.Liquidity)));
            BalanceEntry[] balances = (await buyerAgain.BalancesAsync()).Responses.Single().Balances.Entries ?? [];
            Assert.Equal(3 * 5 + 1, balances.Single(e => e.Asset == 1).Available);
            Assert.Equal(1_000_000 - buys.Sum(f => f.Price * f.Quantity) - 1_000, balances.Single(e => e.Asset == 2).Available);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task AuctionRecord_ForAContinuousMarket_ChangesNothing()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(markets: Markets);
        using var key = Secp256k1AccountKey.Generate();
        await using DarkPoolClient trader = await DarkPoolClient.ConnectAsync(server.Channel, key, server.Policy);
        await DepositAsync(server, trader.Account, 2, 100_000);
        Assert.True((await trader.PlaceAsync(Limit(1, 1, OrderSide.Buy, 900, 10))).Accepted);
        BalanceEntry before = await QuoteAsync(trader);

        EnclaveReply reply = await server.Host.SubmitOperatorAsync(EnclaveRecords.Auction(0, 1));

        // The engine refuses an uncross of a continuous market (unsupported); the order rests, nothing moved.
        Assert.Equal(ReplyStatus.Done, reply.Status);
        Assert.Equal(before, await QuoteAsync(trader));
        OpenOrderEntry order = Assert.Single((await trader.OpenOrdersAsync()).Responses.Single().OpenOrders.Entries ?? []);
        Assert.Equal((1, 1L, 10L), (order.Market, order.ClientOrderId, order.Remaining));
    }

    [Fact]
    public async Task AuctionRecords_BackToBack_BothUncross_TheEnclaveEnforcesNoSpacing()
    {
        // A timer far in the future: every uncross here is one the operator sent by hand, as a host may.
        MarketOptions slow = Markets[1] with { AuctionIntervalMs = 600_000, AuctionRandomEndMs = 0 };
        await using ServerFixture server = await ServerFixture.StartAsync(markets: [MarketOptions.Default, slow]);
        using var sellerKey = Secp256k1AccountKey.Generate();
        using var buyerKey = Secp256k1AccountKey.Generate();
        await using DarkPoolClient seller = await DarkPoolClient.ConnectAsync(server.Channel, sellerKey, server.Policy);
        await using DarkPoolClient buyer = await DarkPoolClient.ConnectAsync(server.Channel, buyerKey, server.Policy);
        await DepositAsync(server, seller.Account, 1, 100);
        await DepositAsync(server, buyer.Account, 2, 1_000_000);

        for (int round = 1; round <= 2; round++)
        {
            Assert.True((await seller.PlaceAsync(Limit(AuctionMarket, round, OrderSide.Sell, 1_000, 2))).Accepted);
            Assert.True((await buyer.PlaceAsync(Limit(AuctionMarket, round, OrderSide.Buy, 1_000, 2))).Accepted);
            Assert.Equal(ReplyStatus.Done, (await server.Host.SubmitOperatorAsync(EnclaveRecords.Auction(0, AuctionMarket))).Status);
        }

        Assert.Equal([1L, 2L], (await AuctionFillsAsync(buyer)).Select(f => f.ClientOrderId).Order());
    }

    internal static PlaceOrder Limit(int market, long id, OrderSide side, long price, long quantity) => new()
    {
        Market = market, ClientOrderId = id, Side = side, Type = OrderKind.Limit, Price = price, Quantity = quantity,
    };

    internal static async Task DepositAsync(ServerFixture server, AccountAddress account, int asset, long amount)
    {
        EnclaveReply reply = await server.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, account, asset, amount));
        Assert.Equal(ReplyStatus.Done, reply.Status);
    }

    private static async Task<OrderFilled> NextFillAsync(IAsyncEnumerator<DecodedResponse> events)
    {
        while (await events.MoveNextAsync())
        {
            if (events.Current.Kind == ResponseKind.OrderFilled && events.Current.Filled.Market == AuctionMarket)
            {
                return events.Current.Filled;
            }
        }

        throw new InvalidOperationException("the event stream ended before a fill");
    }

    /// <summary>The account's fills in the auction market (at most one page of four is needed here).</summary>
    private static async Task<FillEntry[]> AuctionFillsAsync(DarkPoolClient client)
    {
        RequestResult result = await client.FillsAsync(AuctionMarket);
        FillsPage page = Assert.Single(result.Responses, r => r.Kind == ResponseKind.FillsPage).Fills;
        Assert.Equal(0, page.NextCursor);
        return page.Entries ?? [];
    }

    private static async Task<BalanceEntry> QuoteAsync(DarkPoolClient client) =>
        ((await client.BalancesAsync()).Responses.Single().Balances.Entries ?? []).Single(e => e.Asset == 2);
}
