using System.Text.Json;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Tests.Support;

namespace DarkPool.Attestation.Tests.Collateral;

public sealed class QuoteCollateralTests : IDisposable
{
    private static readonly string[] FieldNames =
    [
        "pck_crl_issuer_chain", "root_ca_crl", "pck_crl", "tcb_info_issuer_chain", "tcb_info", "tcb_info_signature",
        "qe_identity_issuer_chain", "qe_identity", "qe_identity_signature", "pck_certificate_chain",
    ];

    private readonly QuoteFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void ToJson_Always_HasExactlyThePccsFieldNamesInOrder()
    {
        using JsonDocument json = JsonDocument.Parse(_fixture.Collateral().ToJson());

        Assert.Equal(FieldNames, json.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void ToJson_Always_WritesCrlsAndSignaturesAsLowerHexAndDocumentsAsStrings()
    {
        QuoteCollateral collateral = _fixture.Collateral();
        using JsonDocument json = JsonDocument.Parse(collateral.ToJson());
        JsonElement root = json.RootElement;

        Assert.Equal(Convert.ToHexStringLower(collateral.RootCaCrl.Span), root.GetProperty("root_ca_crl").GetString());
        Assert.Equal(Convert.ToHexStringLower(collateral.PckCrl.Span), root.GetProperty("pck_crl").GetString());
        Assert.Equal(Convert.ToHexStringLower(collateral.TcbInfoSignature.Span), root.GetProperty("tcb_info_signature").GetString());
        Assert.Equal(128, root.GetProperty("qe_identity_signature").GetString()!.Length);
        Assert.Equal(collateral.TcbInfoJson, root.GetProperty("tcb_info").GetString());
        Assert.Equal(collateral.QeIdentityJson, root.GetProperty("qe_identity").GetString());
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", root.GetProperty("tcb_info_issuer_chain").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, root.GetProperty("pck_certificate_chain").ValueKind);
    }

    [Fact]
    public void TryParse_OwnJson_RoundTripsEveryField()
    {
        QuoteCollateral collateral = _fixture.Collateral();

        Assert.True(QuoteCollateral.TryParse(collateral.ToJson(), out QuoteCollateral? parsed, out CollateralParseError error), error.ToString());
        Assert.Equal(collateral.ToJson(), parsed.ToJson());
        Assert.Equal(collateral.PckCrlIssuerChain, parsed.PckCrlIssuerChain);
        Assert.Equal(collateral.RootCaCrl.ToArray(), parsed.RootCaCrl.ToArray());
        Assert.Equal(collateral.PckCertificateChain, parsed.PckCertificateChain);
    }

    [Fact]
    public void TryParse_BytesAsArraysOfNumbers_AsTheLibraryReturnsThem()
    {
        QuoteCollateral collateral = _fixture.Collateral(s => s.IncludePckChain = false);
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(collateral.ToJson())!;
        var rewritten = fields.ToDictionary(
            f => f.Key,
            f => f.Key is "root_ca_crl" or "pck_crl" or "tcb_info_signature" or "qe_identity_signature"
                ? (object)Convert.FromHexString(f.Value.GetString()!).Select(b => (int)b).ToArray()
                : f.Value);

        Assert.True(QuoteCollateral.TryParse(JsonSerializer.Serialize(rewritten), out QuoteCollateral? parsed, out CollateralParseError error), error.ToString());
        Assert.Equal(collateral.PckCrl.ToArray(), parsed.PckCrl.ToArray());
        Assert.Null(parsed.PckCertificateChain);
    }

    [Theory]
    [InlineData("tcb_info")]
    [InlineData("root_ca_crl")]
    [InlineData("qe_identity_signature")]
    public void TryParse_FieldMissing_NamesTheField(string field)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(_fixture.Collateral().ToJson())!;
        fields.Remove(field);

        Assert.False(QuoteCollateral.TryParse(JsonSerializer.Serialize(fields), out _, out CollateralParseError error));
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("pck_crl", "\"xyz\"")]
    [InlineData("pck_crl", "[1, 256]")]
    [InlineData("tcb_info", "17")]
    [InlineData("pck_certificate_chain", "false")]
    public void TryParse_FieldOfTheWrongKind_NamesTheField(string field, string value)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(_fixture.Collateral().ToJson())!;
        fields[field] = JsonDocument.Parse(value).RootElement;

        Assert.False(QuoteCollateral.TryParse(JsonSerializer.Serialize(fields), out _, out CollateralParseError error));
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{")]
    public void TryParse_NotAJsonObject_Fails(string json) => Assert.False(QuoteCollateral.TryParse(json, out _, out _));
}
