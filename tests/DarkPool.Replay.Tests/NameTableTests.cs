using System.Text.Json;
using DarkPool.Engine;

namespace DarkPool.Replay.Tests;

/// <summary>Names become dense ids in first-seen order and come back unchanged in the output.</summary>
public sealed class NameTableTests
{
    [Fact]
    public void Intern_FirstSeenOrder_DenseIdsPerKind()
    {
        var names = new NameTable(new EngineOptions());

        Assert.Equal([0, 1, 0], new[] { names.Market("B"), names.Market("A"), names.Market("B") });
        Assert.Equal([0, 1], new[] { names.Asset("X"), names.Asset("Y") });
        Assert.Equal([1, 2, 1], new[] { names.Account("U1"), names.Account("U2"), names.Account("U1") });
        Assert.Equal([1L, 2L, 1L], new[] { names.Order("o1"), names.Order("o2"), names.Order("o1") });
        Assert.Equal(("A", "Y", "U2", "o2"), (names.MarketName(1), names.AssetName(1), names.AccountName(2), names.OrderName(2)));
    }

    [Fact]
    public void Account_Fees_IsTheEngineFeeAccount()
    {
        var options = new EngineOptions();
        var names = new NameTable(options);

        Assert.Equal(options.FeeAccount, names.Account(NameTable.FeeAccountName));
        Assert.Equal("fees", names.AccountName(0));
    }

    [Fact]
    public void NameOf_UnknownId_PrintsHashAndNumber()
    {
        var names = new NameTable(new EngineOptions());

        Assert.Equal(("#3", "#-1", "#0"), (names.MarketName(3), names.AccountName(-1), names.OrderName(0)));
    }

    [Fact]
    public void Run_OddNames_RoundTripThroughTheOutput()
    {
        string[] odd = ["Zoë \"the\" trader", "BTC/USDC+<1>", "ид-1", "tab\there", "back\\slash", "😀"];
        var lines = new List<string>();
        for (int i = 0; i < odd.Length; i++)
        {
            string s = JsonSerializer.Serialize(odd[i]);
            lines.Add($$"""{"cmd":"market","market":{{s}},"base":"B{{i}}","quote":"Q{{i}}","tickSize":1,"lotSize":1}""");
            lines.Add($$"""{"cmd":"deposit","account":{{s}},"asset":"Q{{i}}","amount":100}""");
            lines.Add($$"""{"cmd":"place","account":{{s}},"market":{{s}},"id":{{s}},"side":"buy","price":1,"qty":1}""");
        }

        string[] output = ReplayHarness.Run([.. lines]);

        Assert.Equal(odd.Length * 3, output.Length);
        for (int i = 0; i < odd.Length; i++)
        {
            using JsonDocument market = JsonDocument.Parse(output[i * 3]);
            using JsonDocument deposited = JsonDocument.Parse(output[(i * 3) + 1]);
            using JsonDocument accepted = JsonDocument.Parse(output[(i * 3) + 2]);
            Assert.Equal(odd[i], market.RootElement.GetProperty("market").GetString());
            Assert.Equal(odd[i], deposited.RootElement.GetProperty("account").GetString());
            Assert.Equal(odd[i], accepted.RootElement.GetProperty("account").GetString());
            Assert.Equal(odd[i], accepted.RootElement.GetProperty("id").GetString());
            Assert.Equal(odd[i], accepted.RootElement.GetProperty("market").GetString());
        }
    }

    [Fact]
    public void Run_NonAsciiName_PrintedAsUtf8NotEscaped()
    {
        string[] output = ReplayHarness.Run("""{"cmd":"deposit","account":"Zoë","asset":"€","amount":1}""");

        Assert.Equal("""{"evt":"deposited","account":"Zoë","asset":"€","amount":1}""", Assert.Single(output));
    }

    [Fact]
    public void Run_SameOrderIdForTwoAccounts_BothLiveAndPrintedBack()
    {
        string[] output = ReplayHarness.RunAfterSetup(
            """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"same","side":"buy","price":10,"qty":1}""",
            """{"cmd":"place","account":"U2","market":"BTC-USDC","id":"same","side":"sell","price":10,"qty":1}""");

        Assert.Equal(
        [
            """{"evt":"accepted","account":"U1","id":"same","market":"BTC-USDC"}""",
            """{"evt":"accepted","account":"U2","id":"same","market":"BTC-USDC"}""",
            """{"evt":"trade","market":"BTC-USDC","price":10,"qty":1,"maker":"U1","makerId":"same","taker":"U2","takerId":"same","takerSide":"sell","makerFee":0,"takerFee":0}""",
        ], output);
    }

    [Fact]
    public void Run_FeesAccountName_UsesTheFeeAccount()
    {
        string[] output = ReplayHarness.Run(
            """{"cmd":"market","market":"M","base":"B","quote":"Q","tickSize":1,"lotSize":1,"takerFeeBps":100}""",
            """{"cmd":"deposit","account":"U1","asset":"B","amount":10}""",
            """{"cmd":"deposit","account":"U2","asset":"Q","amount":10000}""",
            """{"cmd":"place","account":"U1","market":"M","id":"s","side":"sell","price":100,"qty":10}""",
            """{"cmd":"place","account":"U2","market":"M","id":"b","side":"buy","price":100,"qty":10}""",
            """{"cmd":"balance","account":"fees","asset":"Q"}""");

        Assert.Equal("""{"evt":"balance","account":"fees","asset":"Q","available":10,"held":0}""", output[^1]);
    }

    [Fact]
    public void Run_MoreAssetsThanTheEngineAllows_ErrorLineAndNothingInterned()
    {
        int max = new EngineOptions().MaxAssets;
        var lines = new List<string>();
        for (int i = 0; i < max - 1; i++)
        {
            lines.Add($$"""{"cmd":"deposit","account":"U","asset":"A{{i}}","amount":1}""");
        }

        lines.Add("""{"cmd":"market","market":"M","base":"NEW1","quote":"NEW2","tickSize":1,"lotSize":1}""");
        lines.Add("""{"cmd":"market","market":"M","base":"A0","quote":"NEW2","tickSize":1,"lotSize":1}""");
        lines.Add("""{"cmd":"balance","account":"U","asset":"NEW3"}""");
        lines.Add("""{"cmd":"deposit","account":"U","asset":"NEW2","amount":5}""");

        string[] output = ReplayHarness.Run([.. lines]);

        Assert.Equal(max + 3, output.Length);
        Assert.Equal($$"""{"evt":"error","line":{{max}},"message":"field \"quote\": too many assets, the engine allows {{max}}"}""", output[max - 1]);
        Assert.Equal("""{"evt":"market","market":"M"}""", output[max]);
        Assert.Equal($$"""{"evt":"error","line":{{max + 2}},"message":"field \"asset\": too many assets, the engine allows {{max}}"}""", output[max + 1]);
        Assert.Equal("""{"evt":"deposited","account":"U","asset":"NEW2","amount":5}""", output[max + 2]);
    }
}
