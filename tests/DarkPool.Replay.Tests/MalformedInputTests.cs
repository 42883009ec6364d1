using System.Text.Json;

namespace DarkPool.Replay.Tests;

/// <summary>Every kind of malformed line gives one error event with its 1-based line number, and the replay goes on.</summary>
public sealed class MalformedInputTests
{
    private const string Good = """{"cmd":"book","market":"BTC-USDC"}""";
    private const string GoodAnswer = """{"evt":"book","market":"BTC-USDC","bids":[],"asks":[]}""";

    public static TheoryData<string, string> Malformed() => new()
    {
        { "not json", "not valid JSON at byte 2" },
        { """{"cmd":"book","market":"BTC-USDC" """, "not valid JSON" },
        { """{"cmd":"book","market":"BTC-USDC",}""", "not valid JSON" },
        { """{"cmd":"book"} {"cmd":"book"}""", "not valid JSON" },
        { "[1,2]", "a command must be a JSON object" },
        { "\"book\"", "a command must be a JSON object" },
        { "42", "a command must be a JSON object" },
        { """{"market":"BTC-USDC"}""", "missing field \"cmd\"" },
        { """{"cmd":7}""", "field \"cmd\" must be a string" },
        { """{"cmd":"trade"}""", "unknown cmd \"trade\"" },
        { """{"cmd":"Book","market":"BTC-USDC"}""", "unknown cmd \"Book\"" },
        { """{"cmd":"book"}""", "missing field \"market\"" },
        { """{"cmd":"book","market":null}""", "missing field \"market\"" },
        { """{"cmd":"book","market":""}""", "field \"market\" must not be empty" },
        { """{"cmd":"book","market":1}""", "field \"market\" must be a string, not a number" },
        { """{"cmd":"book","market":"BTC-USDC","depth":5}""", "unknown field \"depth\" for cmd \"book\"" },
        { """{"cmd":"book","market":"BTC-USDC","market":"X"}""", "duplicate field \"market\"" },
        { """{"cmd":"book","market":"BTC-USDC","ts":"now"}""", "field \"ts\" must be an integer, not a string" },
        { """{"cmd":"deposit","account":"U1","asset":"USDC"}""", "missing field \"amount\"" },
        { """{"cmd":"deposit","account":"U1","asset":"USDC","amount":"5"}""", "field \"amount\" must be an integer, not a string" },
        { """{"cmd":"deposit","account":"U1","asset":"USDC","amount":1.5}""", "field \"amount\" must be an integer without fraction or exponent, not 1.5" },
        { """{"cmd":"deposit","account":"U1","asset":"USDC","amount":1e3}""", "field \"amount\" must be an integer without fraction or exponent, not 1e3" },
        { """{"cmd":"deposit","account":"U1","asset":"USDC","amount":9223372036854775808}""", "field \"amount\" is out of range (a 64-bit integer)" },
        { """{"cmd":"deposit","account":["U1"],"asset":"USDC","amount":5}""", "field \"account\" must be a string, not an array" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"up","price":1,"qty":1}""", "field \"side\" must be one of buy, sell, not \"up\"" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","price":1,"qty":1}""", "missing field \"side\"" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","type":"stop","price":1,"qty":1}""", "field \"type\" must be one of limit, market, midpoint" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":1,"qty":1,"tif":"day"}""", "field \"tif\" must be one of gtc, ioc, fok" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":1,"qty":1,"stp":"none"}""", "field \"stp\" must be one of cancel_resting, cancel_incoming, cancel_both, decrement" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":1,"qty":1,"postOnly":"yes"}""", "field \"postOnly\" must be a boolean, not a string" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","qty":1}""", "missing field \"price\" (required for a limit order)" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":1,"side":"buy","price":1,"qty":1}""", "field \"id\" must be a string, not a number" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":1}""", "missing field \"qty\"" },
        { """{"cmd":"amend","account":"U1","market":"BTC-USDC","id":"o1","price":{"v":1}}""", "field \"price\" must be an integer, not an object" },
        { """{"cmd":"market","market":"M","base":"A","quote":"B","tickSize":1,"lotSize":1,"makerFeeBps":2147483648}""", "field \"makerFeeBps\" is out of range (a 32-bit integer)" },
        { """{"cmd":"market","market":"M","base":"A","quote":"B","tickSize":1,"lotSize":1,"mode":"batch"}""", "field \"mode\" must be one of continuous, auction" },
        { """{"cmd":"market","market":"M","base":"A","quote":"B","lotSize":1}""", "missing field \"tickSize\"" },
        { """{"cmd":"reference","market":"BTC-USDC","bid":99}""", "missing field \"ask\"" },
        { """{"cmd":"reference","market":"BTC-USDC","ask":101}""", "missing field \"bid\"" },
        { """{"cmd":"reference","bid":99,"ask":101}""", "missing field \"market\"" },
        { """{"cmd":"reference","market":"BTC-USDC","bid":99,"ask":101,"observedAt":"now"}""", "field \"observedAt\" must be an integer, not a string" },
        { """{"cmd":"reference","market":"BTC-USDC","bid":99,"ask":101,"observedAt":1.5}""", "field \"observedAt\" must be an integer without fraction or exponent, not 1.5" },
        { """{"cmd":"reference","market":"BTC-USDC","bid":99.5,"ask":101}""", "field \"bid\" must be an integer without fraction or exponent, not 99.5" },
        { """{"cmd":"reference","market":"BTC-USDC","bid":99,"ask":"101"}""", "field \"ask\" must be an integer, not a string" },
        { """{"cmd":"reference","market":"BTC-USDC","bid":99,"ask":101,"mid":100}""", "unknown field \"mid\" for cmd \"reference\"" },
        { """{"cmd":"reference","market":"BTC-USDC","bid":99,"ask":101,"time":5}""", "unknown field \"time\" for cmd \"reference\"" },
        { """{"cmd":"auction"}""", "missing field \"market\"" },
        { """{"cmd":"auction","market":"BTC-USDC","price":100}""", "unknown field \"price\" for cmd \"auction\"" },
        { """{"cmd":"auction","market":["BTC-USDC"]}""", "field \"market\" must be a string, not an array" },
        { """{"cmd":"market","market":"M","base":"A","quote":"B","tickSize":1,"lotSize":1,"mode":"Auction"}""", "field \"mode\" must be one of continuous, auction, not \"Auction\"" },
        { """{"cmd":"market","market":"M","base":"A","quote":"B","tickSize":1,"lotSize":1,"mode":1}""", "field \"mode\" must be a string, one of continuous, auction, not a number" },
        { """{"cmd":"market","market":"M","base":"A","quote":"B","tickSize":1,"lotSize":1,"maxReferenceAge":"1s"}""", "field \"maxReferenceAge\" must be an integer, not a string" },
        { """{"cmd":"market","market":"M","base":"A","quote":"B","tickSize":1,"lotSize":1,"maxReferenceAge":1e3}""", "field \"maxReferenceAge\" must be an integer without fraction or exponent, not 1e3" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":1,"qty":5,"minQty":"2"}""", "field \"minQty\" must be an integer, not a string" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":1,"qty":5,"minQty":2.5}""", "field \"minQty\" must be an integer without fraction or exponent, not 2.5" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":1,"qty":5,"minQty":true}""", "field \"minQty\" must be an integer, not a boolean" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":1,"qty":5,"minqty":2}""", "unknown field \"minqty\" for cmd \"place\"" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","type":"midpoint","price":"cap","qty":5}""", "field \"price\" must be an integer, not a string" },
        { """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","type":"Midpoint","qty":5}""", "field \"type\" must be one of limit, market, midpoint, not \"Midpoint\"" },
        { """{"cmd":"book","market":"\ud800"}""", "field \"market\" is not valid text (an unpaired surrogate escape)" },
        { """{"cmd":"bo\udc00ok","market":"M"}""", "field \"cmd\" is not valid text" },
        { """{"cmd":"book","market":"M","\udc00":1}""", "a field name is not valid text" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Run_MalformedLine_ErrorWithLineNumberThenGoesOn(string line, string message)
    {
        string[] output = ReplayHarness.Run([.. ReplayHarness.Setup, line, Good]);

        Assert.Equal(ReplayHarness.Setup.Length + 2, output.Length);
        using JsonDocument error = JsonDocument.Parse(output[^2]);
        Assert.Equal("error", error.RootElement.GetProperty("evt").GetString());
        Assert.Equal(ReplayHarness.Setup.Length + 1, error.RootElement.GetProperty("line").GetInt32());
        Assert.StartsWith(message, error.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["evt", "line", "message"], error.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(GoodAnswer, output[^1]);
    }

    [Fact]
    public void Run_BlankLinesAndCrLf_SkippedButCounted()
    {
        string input = Good + "\r\n\r\n   \t\r\nnot json\r\n" + Good + "\n\n";

        string[] output = ReplayHarness.Run(input);

        Assert.Equal(3, output.Length);
        Assert.Equal("""{"evt":"error","line":4,"message":"not valid JSON at byte 2: 'not json' is an invalid JSON literal. Expected the literal 'null'."}""", output[1]);
    }

    [Fact]
    public void Run_MalformedLinesOnly_EveryLineGetsItsOwnError()
    {
        string[] output = ReplayHarness.Run("{", "", "[]", "{\"cmd\":\"x\"}");

        Assert.Equal([1, 3, 4], output.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("line").GetInt32()));
    }

    [Fact]
    public void Run_ErrorLines_InternNoNameAndChangeNoState()
    {
        string[] clean =
        [
            """{"cmd":"market","market":"N","base":"A1","quote":"A2","tickSize":1,"lotSize":1}""",
            """{"cmd":"deposit","account":"C","asset":"A1","amount":1}""",
        ];
        string[] withErrors =
        [
            """{"cmd":"place","account":"A","market":"M","id":"x","side":"sideways","price":1,"qty":1}""",
            """{"cmd":"deposit","account":"B","asset":"Z","amount":"1"}""",
            .. clean,
        ];

        string[] cleanOutput = ReplayHarness.Run(string.Join('\n', clean), hash: true);
        string[] errorOutput = ReplayHarness.Run(string.Join('\n', withErrors), hash: true);

        Assert.Equal(cleanOutput, errorOutput[2..]);
        Assert.StartsWith("""{"evt":"state","hash":""", cleanOutput[^1], StringComparison.Ordinal);
    }
}
