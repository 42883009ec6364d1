using System.Text.Json;
using DarkPool.Cli.Tests.Support;

namespace DarkPool.Cli.Tests;

/// <summary>deposit against the server's embedded chain, through the gateway's development chain service.</summary>
public sealed class DepositCommandTests(CliServer server) : IClassFixture<CliServer>
{
    [Fact]
    public async Task Deposit_WithFaucet_IsRecordedOnTheEmbeddedChainForTheAccount()
    {
        (string trader, var account) = await server.TraderAsync();

        CliRun first = await CliRun.InProcessAsync(server.Args(trader, "deposit", "2", "5000", "--faucet", "--format", "json"));
        CliRun second = await CliRun.InProcessAsync(server.Args(trader, "deposit", "1", "7", "--faucet"));

        Assert.True(first.Code == 0, first.ToString());
        JsonElement d = first.Json();
        Assert.Equal("embedded", d.GetProperty("chain").GetString());
        Assert.Equal(account.ToString(), d.GetProperty("account").GetString());
        Assert.Equal(5000, d.GetProperty("amount").GetInt64());
        ulong index = d.GetProperty("deposit_index").GetUInt64();
        Assert.True(index >= 1);
        Assert.True(second.Code == 0, second.ToString());
        Assert.Contains("deposited on chain", second.Stdout);
        Assert.Contains($"{index + 1} /", second.Stdout);
    }

    [Fact]
    public async Task Deposit_Wait_ReturnsOnceTheEnclaveCreditedTheDarkWallet()
    {
        (string trader, _) = await server.TraderAsync(quoteUnits: 250);

        CliRun run = await CliRun.InProcessAsync(server.Args(trader, "deposit", "2", "1000", "--faucet", "--wait", "--timeout", "60", "--format", "json"));
        CliRun balances = await CliRun.InProcessAsync(server.Args(trader, "balances", "--format", "json"));

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal(1250, run.Json().GetProperty("wallet_balance").GetInt64());
        Assert.Equal(1250, balances.Json().GetProperty("balances").EnumerateArray().Single(b => b.GetProperty("asset").GetInt32() == 2).GetProperty("available").GetInt64());
    }

    [Fact]
    public async Task Deposit_WithoutTokens_FailsWithAFriendlySentence()
    {
        (string trader, _) = await server.TraderAsync();

        CliRun run = await CliRun.InProcessAsync(server.Args(trader, "deposit", "2", "5000"));

        Assert.Equal(1, run.Code);
        Assert.Contains("the chain refused the deposit", run.Stderr);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Deposit_UnknownAsset_FailsNamingTheAssets()
    {
        (string trader, _) = await server.TraderAsync();

        CliRun run = await CliRun.InProcessAsync(server.Args(trader, "deposit", "9", "5", "--faucet"));

        Assert.Equal(1, run.Code);
        Assert.Contains("asset 9 has no token", run.Stderr);
    }
}
