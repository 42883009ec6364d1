using System.Text;

namespace DarkPool.Replay.Tests;

/// <summary>
/// Well-formed dark-pool commands that break a business rule reach the engine and come back as a typed
/// <c>rejected</c> event; the replay goes on and the tool exits 0, as for every other rejection.
/// </summary>
public sealed class DarkPoolRejectionTests
{
    private const string Reference = """{"cmd":"reference","market":"BTC-USDC","bid":100,"ask":110,"observedAt":50,"ts":50}""";
    private const string AuctionMarket = """{"cmd":"market","market":"AUC","base":"BTC","quote":"USDC","tickSize":1,"lotSize":1,"mode":"auction"}""";

    private static string Place(string fields) =>
        $$"""{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy"{{fields}}}""";

    private static string Rejected(string reason) =>
        $$"""{"evt":"rejected","cmd":"place","account":"U1","id":"o1","market":"BTC-USDC","reason":"{{reason}}"}""";

    public static TheoryData<string, string> BadPlaces() => new()
    {
        { ""","price":100,"qty":5,"minQty":-1""", "invalid_min_quantity" },
        { ""","price":100,"qty":5,"minQty":0""", "invalid_min_quantity" },
        { ""","price":100,"qty":5,"minQty":6""", "invalid_min_quantity" },
        { ""","type":"market","qty":5,"minQty":-3""", "invalid_min_quantity" },
        { ""","type":"midpoint","qty":5,"minQty":-1""", "invalid_min_quantity" },
        { ""","type":"midpoint","qty":5,"budget":1000""", "invalid_budget" },
        { ""","type":"midpoint","price":120,"qty":5,"budget":1000""", "invalid_budget" },
        { ""","type":"midpoint","qty":5,"postOnly":true""", "invalid_time_in_force" },
        { ""","type":"midpoint","price":0,"qty":5""", "invalid_price" },
        { ""","type":"midpoint","price":-105,"qty":5""", "invalid_price" },
        { ""","type":"midpoint","qty":0""", "invalid_quantity" },
        { ""","type":"midpoint","price":200000000,"qty":5""", "insufficient_funds" },
    };

    [Theory]
    [MemberData(nameof(BadPlaces))]
    public void Run_BadDarkPoolPlace_RejectedWithTypedReason(string fields, string reason)
    {
        string[] output = ReplayHarness.RunAfterSetup(Reference, Place(fields));

        Assert.Equal([Rejected(reason)], output[1..]);
    }

    [Fact]
    public void Run_MidpointOffTick_RejectedInvalidPrice()
    {
        string[] output = ReplayHarness.Run(
            """{"cmd":"market","market":"BTC-USDC","base":"BTC","quote":"USDC","tickSize":5,"lotSize":1}""",
            """{"cmd":"deposit","account":"U1","asset":"USDC","amount":100000}""",
            Reference,
            Place(""","type":"midpoint","price":107,"qty":5"""));

        Assert.Equal(Rejected("invalid_price"), output[^1]);
    }

    [Fact]
    public void Run_UncappedMidpointBuyWithoutReference_RejectedNoReference()
    {
        string[] output = ReplayHarness.RunAfterSetup(
            Place(""","type":"midpoint","qty":5"""),
            Place(""","type":"midpoint","price":100,"qty":5"""));

        Assert.Equal([Rejected("no_reference"), """{"evt":"accepted","account":"U1","id":"o1","market":"BTC-USDC"}"""], output);
    }

    [Theory]
    [InlineData(""","bid":0,"ask":110""", "invalid_price")]
    [InlineData(""","bid":100,"ask":0""", "invalid_price")]
    [InlineData(""","bid":-100,"ask":110""", "invalid_price")]
    [InlineData(""","bid":100,"ask":110,"observedAt":49,"ts":60""", "stale_reference")]
    public void Run_BadReference_RejectedNamingTheMarket(string fields, string reason)
    {
        string[] output = ReplayHarness.RunAfterSetup(Reference, $$"""{"cmd":"reference","market":"BTC-USDC"{{fields}}}""");

        Assert.Equal([$$"""{"evt":"rejected","cmd":"reference","market":"BTC-USDC","reason":"{{reason}}"}"""], output[1..]);
    }

    [Fact]
    public void Run_ReferenceObservedWithoutObservedAt_ObservedAtItsTsSoNotStale()
    {
        string[] output = ReplayHarness.RunAfterSetup(Reference, """{"cmd":"reference","market":"BTC-USDC","bid":101,"ask":111,"ts":50}""");

        Assert.Equal("""{"evt":"reference","market":"BTC-USDC","bid":101,"ask":111,"mid":106}""", output[^1]);
    }

    [Theory]
    [InlineData("""{"cmd":"reference","market":"ETH-USDC","bid":100,"ask":110}""", "reference")]
    [InlineData("""{"cmd":"auction","market":"ETH-USDC"}""", "auction")]
    public void Run_ReferenceOrAuctionOnUnknownMarket_RejectedUnknownMarket(string line, string cmd)
    {
        string[] output = ReplayHarness.RunAfterSetup(line);

        Assert.Equal([$$"""{"evt":"rejected","cmd":"{{cmd}}","market":"ETH-USDC","reason":"unknown_market"}"""], output);
    }

    [Fact]
    public void Run_AuctionOnContinuousMarket_RejectedUnsupported()
    {
        string[] output = ReplayHarness.RunAfterSetup("""{"cmd":"auction","market":"BTC-USDC"}""");

        Assert.Equal(["""{"evt":"rejected","cmd":"auction","market":"BTC-USDC","reason":"unsupported"}"""], output);
    }

    [Theory]
    [InlineData(""","type":"market","qty":1""")]
    [InlineData(""","tif":"fok","price":100,"qty":1""")]
    [InlineData(""","price":100,"qty":1,"postOnly":true""")]
    public void Run_TakerOnlyOrderInAuctionMarket_RejectedUnsupported(string fields)
    {
        string[] output = ReplayHarness.RunAfterSetup(AuctionMarket, $$"""{"cmd":"place","account":"U1","market":"AUC","id":"o1","side":"buy"{{fields}}}""");

        Assert.Equal("""{"evt":"rejected","cmd":"place","account":"U1","id":"o1","market":"AUC","reason":"unsupported"}""", output[^1]);
    }

    [Fact]
    public void Run_NegativeMaxReferenceAge_RejectedInvalidMarket()
    {
        string[] output = ReplayHarness.Run("""{"cmd":"market","market":"M","base":"A","quote":"B","tickSize":1,"lotSize":1,"maxReferenceAge":-1}""");

        Assert.Equal(["""{"evt":"rejected","cmd":"market","market":"M","reason":"invalid_market"}"""], output);
    }

    [Fact]
    public void Run_FileOfBadDarkPoolLines_ExitsZeroWithEveryAnswerOnStandardOutput()
    {
        string[] lines =
        [
            .. ReplayHarness.Setup,
            AuctionMarket,
            """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":100,"qty":5,"minQty":-1}""",
            """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","type":"midpoint","qty":5,"budget":9}""",
            """{"cmd":"reference","market":"BTC-USDC","bid":0,"ask":110}""",
            """{"cmd":"auction","market":"NOPE"}""",
            """{"cmd":"market","market":"M2","base":"A","quote":"B","tickSize":1,"lotSize":1,"mode":"call"}""",
            """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":100,"qty":5,"minQty":"5"}""",
        ];
        using var stdout = new MemoryStream();
        var stderr = new StringWriter();

        int code = CommandLine.Run(["-"], new StringReader(string.Join('\n', lines)), stdout, stderr);

        string[] output = ReplayHarness.Lines(Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal((CommandLine.Ok, ""), (code, stderr.ToString()));
        Assert.Equal(
        [
            """{"evt":"rejected","cmd":"place","account":"U1","id":"o1","market":"BTC-USDC","reason":"invalid_min_quantity"}""",
            """{"evt":"rejected","cmd":"place","account":"U1","id":"o1","market":"BTC-USDC","reason":"invalid_budget"}""",
            """{"evt":"rejected","cmd":"reference","market":"BTC-USDC","reason":"invalid_price"}""",
            """{"evt":"rejected","cmd":"auction","market":"NOPE","reason":"unknown_market"}""",
            """{"evt":"error","line":11,"message":"field \"mode\" must be one of continuous, auction, not \"call\""}""",
            """{"evt":"error","line":12,"message":"field \"minQty\" must be an integer, not a string"}""",
        ], output[(ReplayHarness.Setup.Length + 1)..]);
    }
}
