using System.Text;
using DarkPool.Engine;

namespace DarkPool.Replay.Tests;

/// <summary>The exact text of each event kind: field names, field order, and which fields a rejection names.</summary>
public sealed partial class JsonEventWriterTests
{
    [Fact]
    public void Run_Rejections_NameOnlyTheFieldsTheCommandHas()
    {
        string[] output = ReplayHarness.RunAfterSetup(
            """{"cmd":"market","market":"BTC-USDC","base":"BTC","quote":"USDC","tickSize":1,"lotSize":1}""",
            """{"cmd":"deposit","account":"U1","asset":"USDC","amount":0}""",
            """{"cmd":"withdraw","account":"U1","asset":"BTC","amount":1001}""",
            """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":0,"qty":1}""",
            """{"cmd":"cancel","account":"U1","market":"BTC-USDC","id":"o1"}""",
            """{"cmd":"amend","account":"U1","market":"BTC-USDC","id":"o1","qty":1}""",
            """{"cmd":"massCancel","account":"U1","market":"ETH-USDC"}""",
            """{"cmd":"reference","market":"BTC-USDC","bid":0,"ask":101}""",
            """{"cmd":"auction","market":"BTC-USDC"}""",
            """{"cmd":"book","market":"ETH-USDC"}""");

        Assert.Equal(
        [
            """{"evt":"rejected","cmd":"market","market":"BTC-USDC","reason":"market_exists"}""",
            """{"evt":"rejected","cmd":"deposit","account":"U1","asset":"USDC","reason":"invalid_amount"}""",
            """{"evt":"rejected","cmd":"withdraw","account":"U1","asset":"BTC","reason":"insufficient_funds"}""",
            """{"evt":"rejected","cmd":"place","account":"U1","id":"o1","market":"BTC-USDC","reason":"invalid_price"}""",
            """{"evt":"rejected","cmd":"cancel","account":"U1","id":"o1","market":"BTC-USDC","reason":"unknown_order"}""",
            """{"evt":"rejected","cmd":"amend","account":"U1","id":"o1","market":"BTC-USDC","reason":"unknown_order"}""",
            """{"evt":"rejected","cmd":"massCancel","account":"U1","market":"ETH-USDC","reason":"unknown_market"}""",
            """{"evt":"rejected","cmd":"reference","market":"BTC-USDC","reason":"invalid_price"}""",
            """{"evt":"rejected","cmd":"auction","market":"BTC-USDC","reason":"unsupported"}""",
            """{"evt":"rejected","cmd":"book","market":"ETH-USDC","reason":"unknown_market"}""",
        ], output);
    }

    [Fact]
    public void Run_UnknownMarketName_ReachesTheEngineAsUnknownMarket()
    {
        string[] output = ReplayHarness.RunAfterSetup(
            """{"cmd":"place","account":"U1","market":"NOPE","id":"o1","side":"buy","price":1,"qty":1}""",
            """{"cmd":"amend","account":"U1","market":"NOPE","id":"o1","price":2}""",
            """{"cmd":"cancel","account":"U1","market":"NOPE","id":"o1"}""");

        Assert.All(output, line => Assert.EndsWith("""market":"NOPE","reason":"unknown_market"}""", line, StringComparison.Ordinal));
        Assert.Equal(3, output.Length);
    }

    [Fact]
    public void Run_RestingOrders_BookLevelsBestFirstWithCounts()
    {
        string[] output = ReplayHarness.RunAfterSetup(
            """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"b1","side":"buy","price":99,"qty":2}""",
            """{"cmd":"place","account":"U2","market":"BTC-USDC","id":"b2","side":"buy","price":100,"qty":3}""",
            """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"b3","side":"buy","price":100,"qty":4}""",
            """{"cmd":"place","account":"U2","market":"BTC-USDC","id":"a1","side":"sell","price":102,"qty":5}""",
            """{"cmd":"place","account":"U2","market":"BTC-USDC","id":"a2","side":"sell","price":101,"qty":1}""",
            """{"cmd":"book","market":"BTC-USDC"}""");

        Assert.Equal("""{"evt":"book","market":"BTC-USDC","bids":[[100,7,2],[99,2,1]],"asks":[[101,1,1],[102,5,1]]}""", output[^1]);
    }

    [Fact]
    public void Run_CancelAmendBalance_DocumentedFieldOrder()
    {
        string[] output = ReplayHarness.RunAfterSetup(
            """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":100,"qty":5}""",
            """{"cmd":"amend","account":"U1","market":"BTC-USDC","id":"o1","price":101,"qty":3}""",
            """{"cmd":"balance","account":"U1","asset":"USDC"}""",
            """{"cmd":"massCancel","account":"U1","market":"BTC-USDC"}""",
            """{"cmd":"withdraw","account":"U1","asset":"USDC","amount":1000000}""");

        Assert.Equal(
        [
            """{"evt":"accepted","account":"U1","id":"o1","market":"BTC-USDC"}""",
            """{"evt":"amended","account":"U1","id":"o1","market":"BTC-USDC","price":101,"qty":3}""",
            """{"evt":"balance","account":"U1","asset":"USDC","available":999697,"held":303}""",
            """{"evt":"cancelled","account":"U1","id":"o1","market":"BTC-USDC","qty":3,"reason":"mass"}""",
            """{"evt":"massCancelled","account":"U1","market":"BTC-USDC","count":1}""",
            """{"evt":"withdrawn","account":"U1","asset":"USDC","amount":1000000}""",
        ], output);
    }

    [Fact]
    public void Run_Hash_FinalStateLineWithSixteenHexDigits()
    {
        string[] output = ReplayHarness.Run(string.Join('\n', ReplayHarness.Setup), hash: true);

        Assert.Equal(ReplayHarness.Setup.Length + 1, output.Length);
        Assert.Matches("""^\{"evt":"state","hash":"[0-9a-f]{16}"\}$""", output[^1]);
    }

    [Fact]
    public void WriteState_NegativeHash_PrintsTwosComplementHex()
    {
        using var stream = new MemoryStream();
        using (var writer = new JsonEventWriter(stream, new NameTable(new EngineOptions())))
        {
            writer.WriteState(-2);
            writer.WriteState(255);
            writer.Flush();
        }

        Assert.Equal("{\"evt\":\"state\",\"hash\":\"fffffffffffffffe\"}\n{\"evt\":\"state\",\"hash\":\"00000000000000ff\"}\n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Run_OutputLargerThanTheBuffer_EveryLineArrivesInOrder()
    {
        var input = new StringBuilder();
        for (int i = 0; i < 3000; i++)
        {
            input.Append($$"""{"cmd":"deposit","account":"account","asset":"USDC","amount":{{i + 1}}}""").Append('\n');
        }

        string[] output = ReplayHarness.Lines(ReplayHarness.RunToText(input.ToString(), check: false));

        Assert.Equal(3000, output.Length);
        Assert.Equal(
            Enumerable.Range(1, 3000).Select(i => $$"""{"evt":"deposited","account":"account","asset":"USDC","amount":{{i}}}"""),
            output);
        Assert.True(output.Sum(l => l.Length + 1) > 1 << 16);
    }

    [Fact]
    public void RejectReasons_EveryEngineValue_HasTheContractSpelling()
    {
        string[] contract =
        [
            "duplicate_id", "unknown_order", "unknown_market", "invalid_price", "invalid_quantity", "insufficient_funds",
            "post_only_would_cross", "invalid_time_in_force", "invalid_budget", "unsupported", "market_exists", "invalid_market",
            "unknown_account", "unknown_asset", "invalid_amount", "overflow", "invalid_command", "invalid_min_quantity",
            "no_reference", "stale_reference",
        ];

        string[] spelled = [.. Enum.GetValues<RejectReason>().Where(r => r != RejectReason.None).Select(WireNames.RejectReasons.Name)];

        Assert.Equal(contract, spelled);
    }

    [Fact]
    public void CancelReasons_EveryEngineValue_HasItsSpelling()
    {
        string[] spelled = [.. Enum.GetValues<CancelReason>().Select(WireNames.CancelReasons.Name)];

        Assert.Equal(["none", "user", "unfilled", "stp", "mass"], spelled);
    }

    [Fact]
    public void Commands_EveryEngineCommandType_HasACmdName()
    {
        foreach (CommandType type in Enum.GetValues<CommandType>().Where(t => t != CommandType.None))
        {
            string name = WireNames.Commands.Name(type);
            Assert.True(WireNames.Commands.TryParse(name, out CommandType back), $"{type} has no cmd name.");
            Assert.Equal(type, back);
        }
    }
}
