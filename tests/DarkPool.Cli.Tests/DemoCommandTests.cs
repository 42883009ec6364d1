using System.Text.Json;

namespace DarkPool.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_RunsToTheEnd_SummaryShowsAttestationFillsAndConservedBalances()
    {
        CliRun run = await CliRun.InProcessAsync("demo", "--format", "json");

        Assert.True(run.Code == 0, run.ToString());
        JsonElement s = run.Json();
        Assert.True(s.GetProperty("ok").GetBoolean());
        Assert.True(s.GetProperty("simulated").GetBoolean());
        Assert.Equal(64, s.GetProperty("measurement").GetString()!.Length);
        Assert.Equal(3, s.GetProperty("traders").GetInt32());
        Assert.Equal(10 + 24, s.GetProperty("orders_sealed").GetInt32());
        Assert.Equal(0, s.GetProperty("orders_rejected").GetInt32());
        int fills = s.GetProperty("fills").GetInt32();
        Assert.True(fills > 0);
        Assert.Equal(fills, s.GetProperty("maker_fills_streamed").GetInt32());
        Assert.True(s.GetProperty("assets_conserved").GetBoolean());
        JsonElement[] balances = [.. s.GetProperty("balances").EnumerateArray()];
        Assert.Equal(8, balances.Length);
        Assert.Contains(balances, b => b.GetProperty("change").GetInt64() != 0);
        Assert.All([1, 2], asset => Assert.Equal(0, balances.Where(b => b.GetProperty("asset").GetInt32() == asset).Sum(b => b.GetProperty("change").GetInt64())));
    }

    [Fact]
    public async Task Demo_Text_ShowsEveryStepAndTheSummary()
    {
        CliRun run = await CliRun.InProcessAsync("demo", "--traders", "2", "--orders", "6");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("SIMULATED", run.Stdout);
        Assert.Contains("Verifying the enclave's attestation", run.Stdout);
        Assert.Contains("VERIFIED", run.Stdout);
        Assert.Contains("Traders send sealed orders; fills arrive", run.Stdout);
        Assert.Contains("assets conserved", run.Stdout);
        Assert.Contains("demo complete", run.Stdout);
    }

    [Fact]
    public async Task Demo_BadCounts_ExitTwo()
    {
        CliRun run = await CliRun.InProcessAsync("demo", "--traders", "0");

        Assert.Equal(2, run.Code);
        run.AssertNoStackTrace();
    }
}
