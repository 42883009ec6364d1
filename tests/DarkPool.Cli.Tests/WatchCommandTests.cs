using System.Text.Json;
using DarkPool.Cli.Tests.Support;

namespace DarkPool.Cli.Tests;

public sealed class WatchCommandTests(CliServer server) : IClassFixture<CliServer>
{
    [Fact]
    public async Task Watch_AnotherSessionOfTheAccountTrades_TheEventsAppearAsJsonLines()
    {
        (string maker, _) = await server.TraderAsync(baseUnits: 100);
        (string taker, _) = await server.TraderAsync(quoteUnits: 100_000);
        CliRun rest = await CliRun.InProcessAsync(server.Args(maker, "order", "sell", "5", "--price", "500", "--id", "1"));
        Assert.True(rest.Code == 0, rest.ToString());

        using var stdout = new ObservableWriter();
        Task<CliRun> watching = CliRun.InProcessAsync(stdout, server.Args(maker, "watch", "--count", "1", "--duration", "15", "--format", "json"));
        // The watch's session opens before the trade (its stream then carries the fill of the resting order).
        await WaitForSessionAsync(stdout, watching);
        CliRun take = await CliRun.InProcessAsync(server.Args(taker, "order", "buy", "2", "--price", "500", "--tif", "ioc", "--id", "2"));
        CliRun watched = await watching;

        Assert.True(take.Code == 0, take.ToString());
        Assert.True(watched.Code == 0, watched.ToString());
        string[] lines = watched.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 2, $"{take}\n{watched}");
        using JsonDocument header = JsonDocument.Parse(lines[0]);
        Assert.Equal("watching", header.RootElement.GetProperty("kind").GetString());
        using JsonDocument e = JsonDocument.Parse(lines[1]);
        Assert.Equal("order_filled", e.RootElement.GetProperty("kind").GetString());
        Assert.Equal((1L, 2L, "maker"), (e.RootElement.GetProperty("client_order_id").GetInt64(), e.RootElement.GetProperty("quantity").GetInt64(),
            e.RootElement.GetProperty("liquidity").GetString()));
    }

    [Fact]
    public async Task Watch_Duration_EndsWithExitZeroAndACount()
    {
        (string trader, _) = await server.TraderAsync();

        CliRun run = await CliRun.InProcessAsync(server.Args(trader, "watch", "--duration", "0.5"));

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("watching", run.Stdout);
        Assert.Contains("0 event(s)", run.Stdout);
    }

    /// <summary>Waits until the watch says it is connected (its first line), or it ended.</summary>
    private static async Task WaitForSessionAsync(ObservableWriter stdout, Task<CliRun> watching)
    {
        for (int i = 0; i < 1200 && !watching.IsCompleted && !stdout.Text.Contains("watching", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }

        if (watching.IsCompleted)
        {
            Assert.Fail($"the watch ended before it was connected:\n{await watching}");
        }

        Assert.Contains("watching", stdout.Text);
    }
}
