extern alias sdk;

using DarkPool.Host;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Responses;
using Microsoft.Extensions.Logging.Abstractions;
using sdk::DarkPool.Client;
using static DarkPool.Gateway.Tests.AuctionMarketTests;

namespace DarkPool.Gateway.Tests;

/// <summary>
/// The configured markets against the enclave's: a market added later is created on the next start, a changed one
/// refuses the start naming the market and the field, a removed one stays, and bad settings never reach the enclave.
/// </summary>
public sealed class MarketConfigurationTests
{
    private static readonly MarketOptions Added = new(3, 1, 2, 1, 1);

    [Fact]
    public async Task MarketAddedToTheConfiguration_OnTheNextStart_IsCreatedAndTradable()
    {
        string root = Directory.CreateTempSubdirectory("dp-markets-").FullName;
        try
        {
            using var sellerKey = Secp256k1AccountKey.Generate();
            using var buyerKey = Secp256k1AccountKey.Generate();
            await using (ServerFixture first = await ServerFixture.StartAsync(dataFolder: root))
            {
                await using DarkPoolClient probe = await DarkPoolClient.ConnectAsync(first.Channel, sellerKey, first.Policy);
                Assert.Equal(RejectCode.UnknownMarket, (await probe.PlaceAsync(Limit(3, 1, OrderSide.Sell, 1_000, 1))).RejectReason);
                await first.StopAsync();
            }

            await using ServerFixture second = await ServerFixture.StartAsync(dataFolder: root, markets: [MarketOptions.Default, Added]);
            await using DarkPoolClient seller = await DarkPoolClient.ConnectAsync(second.Channel, sellerKey, second.Policy);
            await using DarkPoolClient buyer = await DarkPoolClient.ConnectAsync(second.Channel, buyerKey, second.Policy);
            await DepositAsync(second, seller.Account, 1, 10);
            await DepositAsync(second, buyer.Account, 2, 10_000);
            Assert.True((await seller.PlaceAsync(Limit(3, 2, OrderSide.Sell, 1_000, 2))).Accepted);
            RequestResult take = await buyer.PlaceAsync(Limit(3, 1, OrderSide.Buy, 1_000, 2));

            Assert.Equal([ResponseKind.OrderAccepted, ResponseKind.OrderFilled], take.Responses.Select(r => r.Kind));
            Assert.Equal((3, 2L, 1_000L), (take.Responses[1].Filled.Market, take.Responses[1].Filled.Quantity, take.Responses[1].Filled.Price));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task ChangedMarket_OnRestart_RefusesToStartNamingMarketAndField_AndTheOriginalStillStarts()
    {
        string root = Directory.CreateTempSubdirectory("dp-markets-").FullName;
        try
        {
            await using (ServerFixture first = await ServerFixture.StartAsync(dataFolder: root, markets: [MarketOptions.Default, Added]))
            {
                await first.StopAsync();
            }

            string data = Path.Combine(root, "data");
            Assert.Equal("market 3 exists with TickSize 1 but the configuration says 5: a market cannot be changed (configure a new market under a new id; removing a market from the configuration does not delete it).",
                StartError(data, [MarketOptions.Default, Added with { TickSize = 5 }]));
            Assert.StartsWith("market 1 exists with Mode Continuous but the configuration says Auction",
                StartError(data, [MarketOptions.Default with { Mode = TradingMode.Auction, AuctionIntervalMs = 1_000 }]), StringComparison.Ordinal);
            Assert.StartsWith("market 3 exists with TakerFeeBps 0 but the configuration says 3",
                StartError(data, [Added with { TakerFeeBps = 3 }]), StringComparison.Ordinal);

            await using ServerFixture again = await ServerFixture.StartAsync(dataFolder: root, markets: [MarketOptions.Default, Added]);
            Assert.False(again.Host.IsStopped);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task MarketRemovedFromTheConfiguration_IsNotDeleted_ItsOrdersStayAndItTrades()
    {
        string root = Directory.CreateTempSubdirectory("dp-markets-").FullName;
        try
        {
            using var key = Secp256k1AccountKey.Generate();
            await using (ServerFixture first = await ServerFixture.StartAsync(dataFolder: root, markets: [MarketOptions.Default, Added]))
            {
                await using DarkPoolClient trader = await DarkPoolClient.ConnectAsync(first.Channel, key, first.Policy);
                await DepositAsync(first, trader.Account, 2, 10_000);
                Assert.True((await trader.PlaceAsync(Limit(3, 7, OrderSide.Buy, 900, 3))).Accepted);
                await first.StopAsync();
            }

            await using ServerFixture second = await ServerFixture.StartAsync(dataFolder: root, markets: [MarketOptions.Default]);
            await using DarkPoolClient again = await DarkPoolClient.ConnectAsync(second.Channel, key, second.Policy);
            OpenOrderEntry order = Assert.Single((await again.OpenOrdersAsync(3)).Responses.Single().OpenOrders.Entries ?? []);
            Assert.Equal((3, 7L, 3L), (order.Market, order.ClientOrderId, order.Remaining));
            Assert.True((await again.PlaceAsync(Limit(3, 8, OrderSide.Buy, 901, 1))).Accepted);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task MarketBeyondTheEnclaveLimits_RefusesToStartNamingIt_AndJournalsNoMarket()
    {
        string root = Directory.CreateTempSubdirectory("dp-markets-").FullName;
        try
        {
            string data = Path.Combine(root, "data");
            // The engine's defaults: market ids below 1,024, asset ids below 64. A valid market listed first is not created either.
            Assert.Equal("market 1024: Id must be below 1024 (the enclave's market limit).",
                StartError(data, [Added, Added with { Id = 1_024 }]));
            Assert.Equal("market 3: BaseAsset 64 and QuoteAsset 2 must be below 64 (the enclave's asset limit).",
                StartError(data, [Added with { BaseAsset = 64 }]));
            Assert.Equal("market 3: BaseAsset 1 and QuoteAsset 70 must be below 64 (the enclave's asset limit).",
                StartError(data, [Added with { QuoteAsset = 70 }]));

            // Nothing was created by the refused starts: the market can still be configured with other settings.
            await using ServerFixture again = await ServerFixture.StartAsync(dataFolder: root, markets: [MarketOptions.Default, Added with { TickSize = 5 }]);
            Assert.False(again.Host.IsStopped);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void InvalidMarket_FailsStartWithTheMessage_BeforeTheEnclaveStarts()
    {
        string root = Directory.CreateTempSubdirectory("dp-markets-").FullName;
        try
        {
            string data = Path.Combine(root, "data");
            MarketOptions auction = Added with { Mode = TradingMode.Auction, AuctionIntervalMs = 500, AuctionRandomEndMs = 100 };

            Assert.Equal("market 3: AuctionIntervalMs 0 must be > 0 for an auction market.", StartError(data, [auction with { AuctionIntervalMs = 0, AuctionRandomEndMs = 0 }]));
            Assert.Equal("market 3: AuctionRandomEndMs 500 must be ≥ 0 and less than AuctionIntervalMs 500.", StartError(data, [auction with { AuctionRandomEndMs = 500 }]));
            Assert.Equal("market 3: Mode 9 is not a market mode (Continuous or Auction).", StartError(data, [Added with { Mode = (TradingMode)9 }]));
            Assert.Equal("market 3: AuctionIntervalMs and AuctionRandomEndMs apply to auction markets only; this market's Mode is Continuous.",
                StartError(data, [Added with { AuctionIntervalMs = 500 }]));
            Assert.Equal("market 3: configured twice.", StartError(data, [Added, auction]));
            Assert.False(Directory.Exists(data));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string StartError(string dataFolder, IReadOnlyList<MarketOptions> markets)
    {
        bool started = EnclaveHost.TryStart(new EnclaveHostOptions { DataFolder = dataFolder, Markets = markets }, NullLogger.Instance, out EnclaveHost? host, out string? error);
        host?.Dispose();
        Assert.False(started);
        return error!;
    }
}
