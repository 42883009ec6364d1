using DarkPool.Host;
using DarkPool.Server;
using Microsoft.Extensions.Configuration;

namespace DarkPool.Gateway.Tests;

/// <summary>Markets as the server reads them from configuration (command line here; appsettings and environment bind alike).</summary>
public sealed class ServerOptionsTests
{
    private static readonly string[] Market2 =
    [
        "--Server:Markets:0:Id=2", "--Server:Markets:0:BaseAsset=1", "--Server:Markets:0:QuoteAsset=2",
        "--Server:Markets:0:TickSize=5", "--Server:Markets:0:LotSize=10",
    ];

    [Fact]
    public void Load_AuctionMarket_BindsModeTimingAndReferenceAge()
    {
        ServerOptions options = Load([.. Market2, "--Server:Markets:0:Mode=auction", "--Server:Markets:0:AuctionIntervalMs=1000",
            "--Server:Markets:0:AuctionRandomEndMs=250", "--Server:Markets:0:MaxReferenceAgeMs=30000", "--Server:Markets:0:TakerFeeBps=4"]);
        options.Validate();

        MarketOptions market = Assert.Single(options.ToHostOptions().Markets);
        Assert.Equal(new MarketOptions(2, 1, 2, 5, 10, 0, 4)
        {
            Mode = TradingMode.Auction, AuctionIntervalMs = 1_000, AuctionRandomEndMs = 250, MaxReferenceAgeMs = 30_000,
        }, market);
    }

    [Fact]
    public void Load_NoMarkets_TheHostGetsTheDefaultMarket()
    {
        ServerOptions options = Load([]);
        options.Validate();

        Assert.Equal([MarketOptions.Default], options.ToHostOptions().Markets);
    }

    [Fact]
    public void Load_TwoMarkets_KeepsBoth_ContinuousByDefault()
    {
        ServerOptions options = Load([.. Market2, "--Server:Markets:1:Id=1", "--Server:Markets:1:BaseAsset=1", "--Server:Markets:1:QuoteAsset=2",
            "--Server:Markets:1:TickSize=1", "--Server:Markets:1:LotSize=1"]);

        Assert.Equal([2, 1], options.Markets.Select(m => m.Id));
        Assert.All(options.Markets, m => Assert.Equal(TradingMode.Continuous, m.Mode));
    }

    [Theory]
    [InlineData("--Server:Markets:0:Mode=batch", "Server:Markets:0: Failed to convert configuration value 'batch' at 'Server:Markets:0:Mode'")]
    [InlineData("--Server:Markets:0:TickSize=one", "Server:Markets:0: Failed to convert configuration value 'one' at 'Server:Markets:0:TickSize'")]
    public void Load_UnreadableMarket_ThrowsNamingItInsteadOfDroppingIt(string bad, string expected)
    {
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => Load([.. Market2, bad]));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MarketMissingAField_ThrowsNamingIt()
    {
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => Load(["--Server:Markets:0:Id=2"]));

        Assert.StartsWith("Server:Markets:0: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("BaseAsset", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Server:Markets:0:Mode=Auction", "Server:Markets: market 2: AuctionIntervalMs 0 must be > 0 for an auction market.")]
    [InlineData("--Server:Markets:0:Mode=Auction --Server:Markets:0:AuctionIntervalMs=100 --Server:Markets:0:AuctionRandomEndMs=100",
        "Server:Markets: market 2: AuctionRandomEndMs 100 must be ≥ 0 and less than AuctionIntervalMs 100.")]
    [InlineData("--Server:Markets:0:AuctionRandomEndMs=10",
        "Server:Markets: market 2: AuctionIntervalMs and AuctionRandomEndMs apply to auction markets only; this market's Mode is Continuous.")]
    [InlineData("--Server:Markets:0:Mode=7", "Server:Markets: market 2: Mode 7 is not a market mode (Continuous or Auction).")]
    [InlineData("--Server:Markets:0:MaxReferenceAgeMs=-1", "Server:Markets: market 2: MaxReferenceAgeMs -1 must be ≥ 0 (0 = no limit).")]
    [InlineData("--Server:Markets:1:Id=2 --Server:Markets:1:BaseAsset=1 --Server:Markets:1:QuoteAsset=2 --Server:Markets:1:TickSize=1 --Server:Markets:1:LotSize=1",
        "Server:Markets: market 2: configured twice.")]
    public void Validate_BadMarket_ThrowsWithTheMessage(string extra, string expected)
    {
        ServerOptions options = Load([.. Market2, .. extra.Split(' ')]);

        InvalidOperationException e = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void EventLogMegabytes_IsTheHostsRingSize_AndOutOfRangeIsRefused()
    {
        Assert.Equal(256 * 1024 * 1024, Load([]).ToHostOptions().EventLogBytes);
        Assert.Equal(64 * 1024 * 1024, Load(["--Server:EventLogMegabytes=64"]).ToHostOptions().EventLogBytes);
        foreach (string bad in new[] { "0", "-5", "2048" })
        {
            InvalidOperationException e = Assert.Throws<InvalidOperationException>(Load([$"--Server:EventLogMegabytes={bad}"]).Validate);
            Assert.Equal($"Server:EventLogMegabytes {bad} is out of range (1 to 2047).", e.Message);
        }
    }

    [Fact]
    public void Host_RefusesARingBelowTheMinimum_WithAMessage()
    {
        string folder = Path.Combine(Path.GetTempPath(), "darkpool-ring-" + Guid.NewGuid().ToString("N"));
        foreach (int bad in new[] { 1024, int.MaxValue })
        {
            Assert.False(DarkPool.Host.EnclaveHost.TryStart(new EnclaveHostOptions { DataFolder = folder, EventLogBytes = bad },
                Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, out _, out string? error));
            Assert.Equal($"EventLogBytes must be {DarkPool.Host.Sessions.EnvelopeRing.MinimumCapacity} to {Array.MaxLength} and EventsPerSession at least 1.", error);
            Assert.False(Directory.Exists(folder));
        }
    }

    private static ServerOptions Load(string[] args) => ServerOptions.Load(new ConfigurationBuilder().AddCommandLine(args).Build());
}
