using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Tests.Support;
using DarkPool.Attestation.Verification;

namespace DarkPool.Attestation.Tests.Verification;

/// <summary>The collateral's own checks: parsing, the PCK extension, issuer chains, CRLs and revocation.</summary>
public sealed class QuoteVerifierCollateralTests : IDisposable
{
    private readonly QuoteFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Verify_ValidQuoteWithCollateral_IsValidAndUpToDate()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();

        VerificationResult result = Verifier().Verify(quote, binding, _fixture.Collateral());

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(TcbStatus.UpToDate, result.TcbStatus);
        Assert.Empty(result.AdvisoryIds);
        Assert.Equal(_fixture.Identity, result.Identity);
    }

    [Fact]
    public void Verify_CollateralRoundTrippedThroughJson_IsValid()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        Assert.True(QuoteCollateral.TryParse(_fixture.Collateral().ToJson(), out QuoteCollateral? parsed, out CollateralParseError error), error.ToString());

        Assert.True(Verifier().Verify(quote, binding, parsed).IsValid);
    }

    [Fact]
    public void Verify_WithoutCollateralUnderPolicyRequiringIt_FailsCollateral()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();

        VerificationResult result = Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.Collateral, result.FailedCheck);
        Assert.Null(result.TcbStatus);
    }

    [Fact]
    public void Verify_WithoutCollateralUnderDefaultPolicy_IsValidWithoutTcbStatus()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();

        VerificationResult result = _fixture.Verifier().Verify(quote, binding);

        Assert.True(result.IsValid, result.ToString());
        Assert.Null(result.TcbStatus);
    }

    public static TheoryData<string> MalformedParts() => ["tcb_info", "qe_identity", "root_ca_crl", "pck_crl", "tcb_info_issuer_chain", "pck_crl_issuer_chain", "tcb_info_signature"];

    [Theory]
    [MemberData(nameof(MalformedParts))]
    public void Verify_CollateralPartMalformed_FailsCollateral(string part)
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        QuoteCollateral collateral = _fixture.Collateral();
        collateral = part switch
        {
            "tcb_info" => collateral with { TcbInfoJson = collateral.TcbInfoJson.Replace("\"SGX\"", "\"TDX\"", StringComparison.Ordinal) },
            "qe_identity" => collateral with { QeIdentityJson = collateral.QeIdentityJson[..^1] },
            "root_ca_crl" => collateral with { RootCaCrl = collateral.RootCaCrl[..^1] },
            "pck_crl" => collateral with { PckCrl = new byte[] { 0x30, 0x00 } },
            "tcb_info_issuer_chain" => collateral with { TcbInfoIssuerChain = CollateralIssuer.PemChain(_fixture.Pki.TcbSigning) },
            "pck_crl_issuer_chain" => collateral with { PckCrlIssuerChain = "not PEM" },
            _ => collateral with { TcbInfoSignature = collateral.TcbInfoSignature[..63] },
        };

        Assert.Equal(VerificationCheck.Collateral, Verifier().Verify(quote, binding, collateral).FailedCheck);
    }

    [Fact]
    public void Verify_CollateralCarryingAnotherPckChain_FailsCertificateChain()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        using TestPki other = TestPki.Create(QuoteFixture.Now);
        QuoteCollateral collateral = _fixture.Collateral() with { PckCertificateChain = CollateralIssuer.PemChain(other.Leaf, other.Intermediate, other.Root) };

        Assert.Equal(VerificationCheck.CertificateChain, Verifier().Verify(quote, binding, collateral).FailedCheck);
    }

    [Fact]
    public void Verify_CollateralWithoutPckChain_UsesTheQuotesAndIsValid()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();

        Assert.True(Verifier().Verify(quote, binding, _fixture.Collateral(s => s.IncludePckChain = false)).IsValid);
    }

    [Fact]
    public void Verify_PckLeafWithoutSgxExtension_FailsPckExtension()
    {
        using var fixture = new QuoteFixture(new PkiOptions { LeafHasSgxExtension = false });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        VerificationResult result = fixture.Verifier(fixture.CollateralPolicy()).Verify(quote, binding, fixture.Collateral());

        Assert.Equal(VerificationCheck.PckExtension, result.FailedCheck);
    }

    [Fact]
    public void Verify_TcbInfoIssuerChainToAnotherRoot_FailsCollateralIssuerChain()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        using TestPki other = TestPki.Create(QuoteFixture.Now);
        QuoteCollateral collateral = _fixture.Collateral() with { TcbInfoIssuerChain = CollateralIssuer.PemChain(other.TcbSigning, other.Root) };

        Assert.Equal(VerificationCheck.CollateralIssuerChain, Verifier().Verify(quote, binding, collateral).FailedCheck);
    }

    [Fact]
    public void Verify_QeIdentityIssuerChainWithForeignSignerEndingInPinnedRoot_FailsCollateralIssuerChain()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        using TestPki other = TestPki.Create(QuoteFixture.Now);
        QuoteCollateral collateral = _fixture.Collateral() with { QeIdentityIssuerChain = CollateralIssuer.PemChain(other.TcbSigning, _fixture.Pki.Root) };

        Assert.Equal(VerificationCheck.CollateralIssuerChain, Verifier().Verify(quote, binding, collateral).FailedCheck);
    }

    [Fact]
    public void Verify_PckCrlIssuerChainStartingWithANonCa_FailsCollateralIssuerChain()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        QuoteCollateral collateral = _fixture.Collateral();
        collateral = collateral with { PckCrlIssuerChain = collateral.TcbInfoIssuerChain };

        Assert.Equal(VerificationCheck.CollateralIssuerChain, Verifier().Verify(quote, binding, collateral).FailedCheck);
    }

    [Fact]
    public void Verify_TcbSigningCertificateExpired_FailsCollateralIssuerChain()
    {
        using var fixture = new QuoteFixture(new PkiOptions { TcbSigningNotAfter = TimeSpan.FromDays(-1) });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        VerificationResult result = fixture.Verifier(fixture.CollateralPolicy()).Verify(quote, binding, fixture.Collateral());

        Assert.Equal(VerificationCheck.CollateralIssuerChain, result.FailedCheck);
    }

    [Fact]
    public void Verify_RootCaCrlSignedByThePckCa_FailsRevocationList()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        QuoteCollateral collateral = _fixture.Collateral();
        collateral = collateral with { RootCaCrl = _fixture.Pki.Issuer.CreatePckCrl([], QuoteFixture.Now.AddDays(-1), QuoteFixture.Now.AddDays(1)) };

        Assert.Equal(VerificationCheck.RevocationList, Verifier().Verify(quote, binding, collateral).FailedCheck);
    }

    [Fact]
    public void Verify_PckCrlSignedByAnotherCaOfTheSameName_FailsRevocationList()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        using TestPki other = TestPki.Create(QuoteFixture.Now);
        QuoteCollateral collateral = _fixture.Collateral(s => s.RevokePck = true);
        collateral = collateral with { PckCrl = other.Issuer.CreatePckCrl([], QuoteFixture.Now.AddDays(-1), QuoteFixture.Now.AddDays(1)) };

        Assert.Equal(VerificationCheck.RevocationList, Verifier().Verify(quote, binding, collateral).FailedCheck);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(-30, -1)]
    public void Verify_CrlOutsideItsWindow_FailsRevocationListValidity(int thisUpdateDays, int nextUpdateDays)
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        QuoteCollateral collateral = _fixture.Collateral(s =>
        {
            s.CrlThisUpdate = QuoteFixture.Now.AddDays(thisUpdateDays);
            s.CrlNextUpdate = QuoteFixture.Now.AddDays(nextUpdateDays);
        });

        Assert.Equal(VerificationCheck.RevocationListValidity, Verifier().Verify(quote, binding, collateral).FailedCheck);
    }

    [Theory]
    [InlineData("pck")]
    [InlineData("intermediate")]
    [InlineData("tcb-signing")]
    public void Verify_CertificateListedInItsCrl_FailsCertificateRevoked(string revoked)
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        QuoteCollateral collateral = _fixture.Collateral(s =>
        {
            s.RevokePck = revoked == "pck";
            s.RevokeIntermediate = revoked == "intermediate";
            s.RevokeTcbSigning = revoked == "tcb-signing";
        });

        VerificationResult result = Verifier().Verify(quote, binding, collateral);

        Assert.Equal(VerificationCheck.CertificateRevoked, result.FailedCheck);
        Assert.Null(result.TcbStatus);
    }

    private QuoteVerifier Verifier() => _fixture.Verifier(_fixture.CollateralPolicy());
}
