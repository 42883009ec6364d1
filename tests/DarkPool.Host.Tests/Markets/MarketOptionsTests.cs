using DarkPool.Enclave.Core;

namespace DarkPool.Host.Tests.Markets;

/// <summary>Every market setting rule gives a message naming the market and the setting; a changed market names the field.</summary>
public sealed class MarketOptionsTests
{
    private static readonly MarketOptions Continuous = new(4, 1, 2, 1, 1);
    private static readonly MarketOptions Auction = Continuous with { Mode = TradingMode.Auction, AuctionIntervalMs = 1_000, AuctionRandomEndMs = 250 };

    public static TheoryData<MarketOptions, string> Invalid => new()
    {
        { Continuous with { Id = -1 }, "Id" },
        { Continuous with { QuoteAsset = 1 }, "QuoteAsset" },
        { Continuous with { BaseAsset = -3 }, "BaseAsset" },
        { Continuous with { TickSize = 0 }, "TickSize" },
        { Continuous with { LotSize = -1 }, "LotSize" },
        { Continuous with { MakerFeeBps = 10_001 }, "MakerFeeBps" },
        { Continuous with { TakerFeeBps = -1 }, "TakerFeeBps" },
        { Continuous with { MaxReferenceAgeMs = -1 }, "MaxReferenceAgeMs" },
        { Continuous with { Mode = (TradingMode)2 }, "Mode 2 is not a market mode" },
        { Continuous with { AuctionIntervalMs = 1_000 }, "apply to auction markets only" },
        { Continuous with { AuctionRandomEndMs = 10 }, "apply to auction markets only" },
        { Auction with { AuctionIntervalMs = 0, AuctionRandomEndMs = 0 }, "AuctionIntervalMs 0 must be > 0" },
        { Auction with { AuctionIntervalMs = -5, AuctionRandomEndMs = 0 }, "AuctionIntervalMs -5 must be > 0" },
        { Auction with { AuctionRandomEndMs = 1_000 }, "AuctionRandomEndMs 1000 must be ≥ 0 and less than AuctionIntervalMs 1000" },
        { Auction with { AuctionRandomEndMs = -1 }, "AuctionRandomEndMs -1" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidSetting_ThrowsNamingMarketAndSetting(MarketOptions market, string expected)
    {
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(market.Validate);

        Assert.StartsWith($"market {market.Id}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidMarkets_DoNotThrow()
    {
        Continuous.Validate();
        Auction.Validate();
        (Auction with { AuctionRandomEndMs = 0, MaxReferenceAgeMs = 5_000 }).Validate();
        MarketOptions.Default.Validate();
    }

    [Fact]
    public void ValidateMarkets_SameIdTwice_ThrowsNamingTheMarket()
    {
        var options = new EnclaveHostOptions { DataFolder = "unused", Markets = [Continuous, Continuous with { TickSize = 5 }] };

        InvalidOperationException e = Assert.Throws<InvalidOperationException>(options.ValidateMarkets);

        Assert.Equal("market 4: configured twice.", e.Message);
    }

    [Fact]
    public void DifferenceFrom_SameMarket_IsNull_AuctionTimingMayChange()
    {
        Assert.Null(Continuous.DifferenceFrom(Recorded(Continuous)));
        Assert.Null(Auction.DifferenceFrom(Recorded(Auction with { AuctionIntervalMs = 60_000, AuctionRandomEndMs = 0 })));
    }

    public static TheoryData<MarketOptions, string> Changed => new()
    {
        { Continuous with { BaseAsset = 3 }, "BaseAsset 1 but the configuration says 3" },
        { Continuous with { QuoteAsset = 3 }, "QuoteAsset 2 but the configuration says 3" },
        { Continuous with { TickSize = 5 }, "TickSize 1 but the configuration says 5" },
        { Continuous with { LotSize = 10 }, "LotSize 1 but the configuration says 10" },
        { Continuous with { MakerFeeBps = 2 }, "MakerFeeBps 0 but the configuration says 2" },
        { Continuous with { TakerFeeBps = 7 }, "TakerFeeBps 0 but the configuration says 7" },
        { Auction, "Mode Continuous but the configuration says Auction" },
        { Continuous with { MaxReferenceAgeMs = 30_000 }, "MaxReferenceAgeMs 0 but the configuration says 30000" },
    };

    [Theory]
    [MemberData(nameof(Changed))]
    public void DifferenceFrom_ChangedSetting_NamesMarketAndField(MarketOptions configured, string expected)
    {
        string? difference = configured.DifferenceFrom(Recorded(Continuous));

        Assert.NotNull(difference);
        Assert.StartsWith("market 4 exists with ", difference, StringComparison.Ordinal);
        Assert.Contains(expected, difference, StringComparison.Ordinal);
    }

    /// <summary>The market as the enclave reads it back from the CreateMarket record the host journals.</summary>
    private static MarketDefinition Recorded(MarketOptions market) => MarketDefinition.Read(market.ToCreateMarketRecord().AsSpan(EnclaveRecords.HeaderSize));
}
