using System.Text.Json;
using DarkPool.Cli.Tests.Support;

namespace DarkPool.Cli.Tests;

/// <summary>order, cancel, amend, orders, balances, fills and withdraw against a real server on loopback.</summary>
public sealed class TradingCommandTests(CliServer server) : IClassFixture<CliServer>
{
    [Fact]
    public async Task Order_TwoTradersCross_BothSeeTheFillAndTheirBalancesMove()
    {
        (string maker, _) = await server.TraderAsync(baseUnits: 100);
        (string taker, _) = await server.TraderAsync(quoteUnits: 100_000);

        CliRun rest = await CliRun.InProcessAsync(server.Args(maker, "order", "sell", "5", "--price", "1000", "--id", "11", "--format", "json"));
        CliRun take = await CliRun.InProcessAsync(server.Args(taker, "order", "buy", "3", "--price", "1000", "--tif", "ioc", "--id", "21", "--format", "json"));
        CliRun takerText = await CliRun.InProcessAsync(server.Args(taker, "order", "buy", "1", "--price", "1000", "--id", "22"));
        CliRun fills = await CliRun.InProcessAsync(server.Args(taker, "fills", "--format", "json"));
        CliRun makerFills = await CliRun.InProcessAsync(server.Args(maker, "fills", "--limit", "1", "--format", "json"));
        CliRun balances = await CliRun.InProcessAsync(server.Args(taker, "balances", "--format", "json"));

        Assert.True(rest.Code == 0, rest.ToString());
        Assert.True(rest.Json().GetProperty("ok").GetBoolean());
        Assert.True(take.Code == 0, take.ToString());
        JsonElement taken = take.Json();
        Assert.Equal(3, taken.GetProperty("details").GetProperty("filled").GetInt64());
        JsonElement fill = taken.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "order_filled");
        Assert.Equal((1000, 3, "taker"), (fill.GetProperty("price").GetInt64(), fill.GetProperty("quantity").GetInt64(), fill.GetProperty("liquidity").GetString()));
        Assert.False(fill.TryGetProperty("reason", out _), $"a field an event does not have is left out of darkpool's JSON, not null: {fill}");
        Assert.Equal(0, takerText.Code);
        Assert.Contains("order 22 accepted; 1 of 1 lots filled", takerText.Stdout);
        Assert.Contains("order_filled", takerText.Stdout);

        Assert.Equal(0, fills.Code);
        long[] ids = [.. fills.Json().GetProperty("fills").EnumerateArray().Select(f => f.GetProperty("client_order_id").GetInt64())];
        Assert.Equal([22L, 21], ids);
        JsonElement makerSide = Assert.Single(makerFills.Json().GetProperty("fills").EnumerateArray());
        Assert.Equal(("sell", "maker", 1L), (makerSide.GetProperty("side").GetString(), makerSide.GetProperty("liquidity").GetString(), makerSide.GetProperty("quantity").GetInt64()));
        var wallet = balances.Json().GetProperty("balances").EnumerateArray().ToDictionary(b => b.GetProperty("asset").GetInt32(), b => b.GetProperty("available").GetInt64());
        Assert.Equal(4, wallet[1]);
        Assert.Equal(100_000 - 4_000, wallet[2]);
    }

    [Fact]
    public async Task FillsFromChain_AfterATrade_EachSideDecryptsItsOwnFillFromTheSettlementBatches()
    {
        (string maker, _) = await server.TraderAsync(baseUnits: 100);
        (string taker, _) = await server.TraderAsync(quoteUnits: 100_000);
        (string bystander, _) = await server.TraderAsync(quoteUnits: 10);
        // 999: below every ask the other tests of this class leave on the shared book, and above every bid they leave.
        Assert.Equal(0, (await CliRun.InProcessAsync(server.Args(maker, "order", "sell", "2", "--price", "999", "--id", "31"))).Code);
        Assert.Equal(0, (await CliRun.InProcessAsync(server.Args(taker, "order", "buy", "2", "--price", "999", "--tif", "ioc", "--id", "41"))).Code);
        Assert.Equal(0, (await CliRun.InProcessAsync(server.Args(bystander, "balances"))).Code);

        // The server cuts a batch every 2 s; wait until the taker's fill is on chain.
        JsonElement takerFill = default;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (takerFill.ValueKind == JsonValueKind.Undefined)
        {
            await Task.Delay(250, patience.Token);
            CliRun run = await CliRun.InProcessAsync(server.Args(taker, "fills", "--from-chain", "--format", "json"));
            Assert.True(run.Code == 0, run.ToString());
            takerFill = run.Json().GetProperty("fills").EnumerateArray().FirstOrDefault(f => f.GetProperty("client_order_id").GetInt64() == 41);
        }

        CliRun makerRun = await CliRun.InProcessAsync(server.Args(maker, "fills", "--from-chain", "--format", "json"));
        CliRun makerText = await CliRun.InProcessAsync(server.Args(maker, "fills", "--from-chain"));
        CliRun bystanderRun = await CliRun.InProcessAsync(server.Args(bystander, "fills", "--from-chain", "--format", "json"));

        Assert.Equal(("buy", "taker", 999L, 2L), (takerFill.GetProperty("side").GetString(), takerFill.GetProperty("liquidity").GetString(),
            takerFill.GetProperty("price").GetInt64(), takerFill.GetProperty("quantity").GetInt64()));
        Assert.True(takerFill.GetProperty("batch").GetUInt64() >= 1);
        JsonElement makerFill = Assert.Single(makerRun.Json().GetProperty("fills").EnumerateArray(), f => f.GetProperty("client_order_id").GetInt64() == 31);
        Assert.Equal(("sell", "maker", 2L), (makerFill.GetProperty("side").GetString(), makerFill.GetProperty("liquidity").GetString(), makerFill.GetProperty("quantity").GetInt64()));
        Assert.Equal(0, makerText.Code);
        Assert.Contains("settled fill(s)", makerText.Stdout);
        Assert.Equal(0, bystanderRun.Code);
        Assert.Empty(bystanderRun.Json().GetProperty("fills").EnumerateArray());
    }

    [Fact]
    public async Task Fills_RpcUrlWithoutFromChain_IsAUsageError()
    {
        (string trader, _) = await server.TraderAsync();

        CliRun run = await CliRun.InProcessAsync(server.Args(trader, "fills", "--rpc-url", "http://127.0.0.1:8545"));

        Assert.Equal(2, run.Code);
        Assert.Contains("--from-chain", run.Stderr);
    }

    [Fact]
    public async Task Order_Rejected_ExitsOneAndSaysWhy()
    {
        (string poor, _) = await server.TraderAsync(quoteUnits: 10);

        CliRun run = await CliRun.InProcessAsync(server.Args(poor, "order", "buy", "5", "--price", "1000", "--id", "7"));
        CliRun json = await CliRun.InProcessAsync(server.Args(poor, "order", "buy", "5", "--price", "1000", "--id", "8", "--format", "json"));

        Assert.Equal(1, run.Code);
        Assert.Contains("REJECTED: insufficient_funds", run.Stdout);
        Assert.Equal(1, json.Code);
        Assert.False(json.Json().GetProperty("ok").GetBoolean());
        Assert.Contains(json.Json().GetProperty("events").EnumerateArray(), e => e.GetProperty("reason").GetString() == "insufficient_funds");
    }

    [Fact]
    public async Task OrdersAmendCancel_RestingOrders_ListedAmendedAndCancelled()
    {
        (string trader, _) = await server.TraderAsync(quoteUnits: 1_000_000);
        for (int i = 1; i <= 8; i++)
        {
            CliRun placed = await CliRun.InProcessAsync(server.Args(trader, "order", "buy", "2", "--price", $"{100 + i}", "--id", $"{i}"));
            Assert.True(placed.Code == 0, placed.ToString());
        }

        CliRun listed = await CliRun.InProcessAsync(server.Args(trader, "orders", "--format", "json"));
        CliRun amended = await CliRun.InProcessAsync(server.Args(trader, "amend", "3", "--quantity", "1", "--format", "json"));
        CliRun cancelled = await CliRun.InProcessAsync(server.Args(trader, "cancel", "4"));
        CliRun unknown = await CliRun.InProcessAsync(server.Args(trader, "cancel", "999"));
        CliRun afterOne = await CliRun.InProcessAsync(server.Args(trader, "orders", "--format", "json"));
        CliRun all = await CliRun.InProcessAsync(server.Args(trader, "cancel", "--all", "--format", "json"));
        CliRun none = await CliRun.InProcessAsync(server.Args(trader, "orders"));

        // Eight orders take two pages of open orders (six per page): the command reads them all.
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), listed.Json().GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("client_order_id").GetInt64()).Order());
        Assert.True(amended.Code == 0, amended.ToString());
        Assert.Contains(amended.Json().GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "order_amended" && e.GetProperty("remaining").GetInt64() == 1);
        Assert.Equal(0, cancelled.Code);
        Assert.Contains("order 4 cancelled", cancelled.Stdout);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("unknown_order", unknown.Stdout);
        JsonElement[] left = [.. afterOne.Json().GetProperty("orders").EnumerateArray()];
        Assert.Equal(7, left.Length);
        Assert.Equal(1, left.Single(o => o.GetProperty("client_order_id").GetInt64() == 3).GetProperty("remaining").GetInt64());
        Assert.Equal(0, all.Code);
        Assert.Contains(all.Json().GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "mass_cancelled" && e.GetProperty("count").GetInt64() == 7);
        Assert.Contains("0 open order(s)", none.Stdout);
    }

    [Fact]
    public async Task Withdraw_DebitsTheDarkWallet_TooMuchIsRejected()
    {
        (string trader, _) = await server.TraderAsync(quoteUnits: 5_000);

        CliRun ok = await CliRun.InProcessAsync(server.Args(trader, "withdraw", "2", "1000", "--format", "json"));
        CliRun tooMuch = await CliRun.InProcessAsync(server.Args(trader, "withdraw", "2", "999999"));
        CliRun balances = await CliRun.InProcessAsync(server.Args(trader, "balances", "--format", "json"));

        Assert.True(ok.Code == 0, ok.ToString());
        Assert.Contains(ok.Json().GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "withdrawal_accepted" && e.GetProperty("amount").GetInt64() == 1000);
        Assert.Equal(1, tooMuch.Code);
        Assert.Contains("REJECTED", tooMuch.Stdout);
        Assert.Equal(4_000, balances.Json().GetProperty("balances").EnumerateArray().Single(b => b.GetProperty("asset").GetInt32() == 2).GetProperty("available").GetInt64());
    }

    [Theory]
    [InlineData("order", "buy", "5")]
    [InlineData("order", "hold", "5", "--price", "1")]
    [InlineData("order", "buy", "0", "--price", "1")]
    [InlineData("order", "buy", "5", "--type", "market", "--price", "1")]
    [InlineData("order", "buy", "5", "--price", "ten")]
    [InlineData("amend", "3")]
    [InlineData("cancel")]
    [InlineData("cancel", "3", "--all")]
    [InlineData("withdraw", "2")]
    [InlineData("withdraw", "2", "-5")]
    [InlineData("fills", "--limit", "0")]
    [InlineData("fills", "--from-chain", "--rpc-url", "127.0.0.1:8545")]
    [InlineData("deposit", "1", "5", "--rpc-url", "ftp://example")]
    [InlineData("balances", "--format", "xml")]
    [InlineData("balances", "--server", "ftp://example")]
    public async Task TradingCommand_BadArguments_ExitTwoBeforeConnecting(params string[] args)
    {
        (string trader, _) = await server.TraderAsync();

        CliRun run = await CliRun.InProcessAsync(server.Args(trader, args));

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains("darkpool:", run.Stderr);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Balances_NoMeasurementPinned_IsAUsageError()
    {
        (string trader, _) = await server.TraderAsync();

        CliRun run = await CliRun.InProcessAsync("balances", "--server", server.Address, "--root", server.Server.Host.RootCertificatePath, "--allow-simulated", "--key", trader);

        Assert.Equal(2, run.Code);
        Assert.Contains("no enclave measurement pinned", run.Stderr);
    }

    [Fact]
    public async Task Order_SimulatedServerWithoutAllowSimulated_FailsAttestationAndSendsNothing()
    {
        (string trader, _) = await server.TraderAsync(quoteUnits: 10_000);

        CliRun run = await CliRun.InProcessAsync(
            "order", "buy", "1", "--price", "100", "--id", "5", "--server", server.Address, "--root", server.Server.Host.RootCertificatePath,
            "--measurement", server.Server.Host.Measurement, "--key", trader);
        CliRun orders = await CliRun.InProcessAsync(server.Args(trader, "orders", "--format", "json"));

        Assert.Equal(1, run.Code);
        Assert.Contains("attestation failed, nothing was sent", run.Stderr);
        run.AssertNoStackTrace();
        Assert.Empty(orders.Json().GetProperty("orders").EnumerateArray());
    }
}
