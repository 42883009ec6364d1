using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Tests.Support;
using DarkPool.Attestation.Verification;

namespace DarkPool.Attestation.Tests.Collateral;

public sealed class QeIdentityTests
{
    private static QeIdentity Sample() => new()
    {
        IssueDate = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero),
        NextUpdate = new DateTimeOffset(2030, 7, 1, 12, 0, 0, TimeSpan.Zero),
        TcbEvaluationDataNumber = 17,
        MiscSelect = 0,
        MiscSelectMask = uint.MaxValue,
        Attributes = Convert.FromHexString("11000000000000000000000000000000"),
        AttributesMask = Convert.FromHexString("FBFFFFFFFFFFFFFF0000000000000000"),
        MrSigner = QuotingEnclavePolicy.IntelSgx.MrSigner,
        IsvProdId = 1,
        Levels =
        [
            new QeTcbLevel(8, CollateralSpec.TcbDate, TcbStatus.UpToDate),
            new QeTcbLevel(6, CollateralSpec.TcbDate, TcbStatus.OutOfDate, ["INTEL-SA-00615"]),
        ],
    };

    [Fact]
    public void ToJson_Sample_IsIntelsCompactLayoutInIntelsFieldOrder()
    {
        const string Expected =
            "{\"id\":\"QE\",\"version\":2,\"issueDate\":\"2030-06-01T12:00:00Z\",\"nextUpdate\":\"2030-07-01T12:00:00Z\","
            + "\"tcbEvaluationDataNumber\":17,\"miscselect\":\"00000000\",\"miscselectMask\":\"FFFFFFFF\","
            + "\"attributes\":\"11000000000000000000000000000000\",\"attributesMask\":\"FBFFFFFFFFFFFFFF0000000000000000\","
            + "\"mrsigner\":\"8C4F5775D796503E96137F77C68A829A0056AC8DED70140B081B094490C57BFF\",\"isvprodid\":1,\"tcbLevels\":["
            + "{\"tcb\":{\"isvsvn\":8},\"tcbDate\":\"2030-01-15T00:00:00Z\",\"tcbStatus\":\"UpToDate\"},"
            + "{\"tcb\":{\"isvsvn\":6},\"tcbDate\":\"2030-01-15T00:00:00Z\",\"tcbStatus\":\"OutOfDate\",\"advisoryIDs\":[\"INTEL-SA-00615\"]}]}";

        Assert.Equal(Expected, Sample().ToJson());
    }

    [Fact]
    public void TryParse_OwnJson_RoundTrips()
    {
        QeIdentity sample = Sample() with { MiscSelect = 0x01020304, MiscSelectMask = 0xFFFF0000 };

        Assert.True(QeIdentity.TryParse(sample.ToJson(), out QeIdentity? parsed, out string error), error);
        Assert.Equal(sample.ToJson(), parsed.ToJson());
        Assert.Equal(0x01020304u, parsed.MiscSelect);
        Assert.Equal(QuotingEnclavePolicy.IntelSgx.MrSigner, parsed.MrSigner);
    }

    [Fact]
    public void ToJson_MiscSelect_IsTheReportsLittleEndianBytes() =>
        Assert.Contains("\"miscselect\":\"04030201\"", (Sample() with { MiscSelect = 0x01020304 }).ToJson(), StringComparison.Ordinal);

    [Theory]
    [InlineData("\"id\":\"QE\"", "\"id\":\"TD_QE\"")]
    [InlineData("\"version\":2", "\"version\":1")]
    [InlineData("\"tcbStatus\":\"UpToDate\"", "\"tcbStatus\":\"ConfigurationNeeded\"")]
    [InlineData("\"isvsvn\":8", "\"isvsvn\":-1")]
    [InlineData("\"attributes\":\"11000000000000000000000000000000\"", "\"attributes\":\"11\"")]
    [InlineData("\"mrsigner\":\"8C4F", "\"mrsigner\":\"8C4")]
    [InlineData("\"isvprodid\":1,", "")]
    public void TryParse_Malformed_Fails(string from, string to)
    {
        string json = Sample().ToJson();
        Assert.Contains(from, json, StringComparison.Ordinal);

        Assert.False(QeIdentity.TryParse(json.Replace(from, to, StringComparison.Ordinal), out _, out string error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void QeTcbLevel_StatusOtherThanUpToDateOutOfDateRevoked_Throws() =>
        Assert.Throws<ArgumentException>(() => new QeTcbLevel(1, CollateralSpec.TcbDate, TcbStatus.SWHardeningNeeded));

    [Fact]
    public void SimulatedQeMrSigner_WritesUpperCaseHex() =>
        Assert.Contains(SimulatedQuotingEnclave.MrSigner.ToString().ToUpperInvariant(), (Sample() with { MrSigner = SimulatedQuotingEnclave.MrSigner }).ToJson(), StringComparison.Ordinal);
}
