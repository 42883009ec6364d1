using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Tests.Support;

namespace DarkPool.Attestation.Tests.Collateral;

public sealed class TcbInfoTests
{
    private static readonly byte[] Components = [2, 2, 2, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];

    private static TcbInfo Sample() => new()
    {
        IssueDate = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero),
        NextUpdate = new DateTimeOffset(2030, 7, 1, 12, 0, 0, TimeSpan.Zero),
        Fmspc = TestPki.Fmspc,
        PceId = TestPki.PceId,
        TcbEvaluationDataNumber = 17,
        Levels =
        [
            new TcbLevel(Components, 13, CollateralSpec.TcbDate, TcbStatus.UpToDate),
            new TcbLevel(Components, 12, CollateralSpec.TcbDate, TcbStatus.OutOfDate, ["INTEL-SA-00828", "INTEL-SA-00837"]),
        ],
    };

    [Fact]
    public void ToJson_Sample_IsIntelsCompactLayoutInIntelsFieldOrder()
    {
        string components = string.Join(",", Components.Select(c => $"{{\"svn\":{c}}}"));
        string expected =
            "{\"id\":\"SGX\",\"version\":3,\"issueDate\":\"2030-06-01T12:00:00Z\",\"nextUpdate\":\"2030-07-01T12:00:00Z\","
            + "\"fmspc\":\"00906ED50000\",\"pceId\":\"0000\",\"tcbType\":0,\"tcbEvaluationDataNumber\":17,\"tcbLevels\":["
            + $"{{\"tcb\":{{\"sgxtcbcomponents\":[{components}],\"pcesvn\":13}},\"tcbDate\":\"2030-01-15T00:00:00Z\",\"tcbStatus\":\"UpToDate\"}},"
            + $"{{\"tcb\":{{\"sgxtcbcomponents\":[{components}],\"pcesvn\":12}},\"tcbDate\":\"2030-01-15T00:00:00Z\",\"tcbStatus\":\"OutOfDate\","
            + "\"advisoryIDs\":[\"INTEL-SA-00828\",\"INTEL-SA-00837\"]}]}";

        Assert.Equal(expected, Sample().ToJson());
    }

    [Fact]
    public void TryParse_OwnJson_RoundTrips()
    {
        TcbInfo sample = Sample();

        Assert.True(TcbInfo.TryParse(sample.ToJson(), out TcbInfo? parsed, out string error), error);
        Assert.Equal(sample.ToJson(), parsed.ToJson());
        Assert.Equal(sample.IssueDate, parsed.IssueDate);
        Assert.Equal(TcbStatus.OutOfDate, parsed.Levels[1].Status);
        Assert.Equal(["INTEL-SA-00828", "INTEL-SA-00837"], parsed.Levels[1].AdvisoryIds);
        Assert.Equal(Components, parsed.Levels[0].SgxComponents.ToArray());
    }

    [Theory]
    [InlineData("\"id\":\"SGX\"", "\"id\":\"TDX\"")]
    [InlineData("\"version\":3", "\"version\":2")]
    [InlineData("\"tcbType\":0", "\"tcbType\":1")]
    [InlineData("\"fmspc\":\"00906ED50000\"", "\"fmspc\":\"00906ED500\"")]
    [InlineData("\"pceId\":\"0000\"", "\"pceId\":\"00zz\"")]
    [InlineData("\"issueDate\":\"2030-06-01T12:00:00Z\"", "\"issueDate\":\"June 1st\"")]
    [InlineData("\"tcbStatus\":\"UpToDate\"", "\"tcbStatus\":\"Fine\"")]
    [InlineData("\"tcbStatus\":\"UpToDate\"", "\"tcbStatus\":\"0\"")]
    [InlineData("{\"svn\":2},", "")]
    [InlineData("\"pcesvn\":13", "\"pcesvn\":65536")]
    [InlineData("{\"svn\":3}", "{\"svn\":256}")]
    [InlineData(",\"nextUpdate\":\"2030-07-01T12:00:00Z\"", "")]
    [InlineData("\"advisoryIDs\":[\"INTEL-SA-00828\"", "\"advisoryIDs\":[\"INTEL SA <script>\"")]
    public void TryParse_Malformed_Fails(string from, string to)
    {
        string json = Sample().ToJson();
        Assert.Contains(from, json, StringComparison.Ordinal);

        Assert.False(TcbInfo.TryParse(ReplaceFirst(json, from, to), out _, out string error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"id\":\"SGX\",\"version\":3}")]
    public void TryParse_NotATcbInfo_Fails(string json) => Assert.False(TcbInfo.TryParse(json, out _, out _));

    [Fact]
    public void TcbLevel_AdvisoryIdOutsideTheSafeAlphabet_Throws() =>
        Assert.Throws<ArgumentException>(() => new TcbLevel(Components, 1, CollateralSpec.TcbDate, TcbStatus.OutOfDate, ["INTEL\"SA"]));

    [Fact]
    public void TcbLevel_IsReachedBy_ComparesEveryComponentAndThePceSvn()
    {
        var level = new TcbLevel(Components, 13, CollateralSpec.TcbDate, TcbStatus.UpToDate);
        byte[] lower = (byte[])Components.Clone();
        lower[7] = 2;
        byte[] higher = (byte[])Components.Clone();
        higher[15] = 1;

        Assert.True(level.IsReachedBy(Components, 13));
        Assert.True(level.IsReachedBy(higher, 14));
        Assert.False(level.IsReachedBy(lower, 20));
        Assert.False(level.IsReachedBy(higher, 12));
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        int at = text.IndexOf(from, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }
}
