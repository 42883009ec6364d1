using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Tests.Support;
using DarkPool.Attestation.Verification;

namespace DarkPool.Attestation.Tests.Verification;

/// <summary>The signed documents: TCB Info and QE Identity signatures, windows, platform match, and the QE's match.</summary>
public sealed class QuoteVerifierCollateralDocumentTests : IDisposable
{
    private readonly QuoteFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Verify_TcbInfoSignatureFlipped_FailsTcbInfoSignature()
    {
        QuoteCollateral collateral = _fixture.Collateral();
        byte[] signature = collateral.TcbInfoSignature.ToArray();
        signature[5] ^= 0x01;

        Assert.Equal(VerificationCheck.TcbInfoSignature, Verify(collateral with { TcbInfoSignature = signature }).FailedCheck);
    }

    [Fact]
    public void Verify_TcbInfoEditedAfterSigning_FailsTcbInfoSignature()
    {
        QuoteCollateral collateral = _fixture.Collateral(s => s.TcbLevels = [CollateralSpec.Level(new PkiOptions().CpuSvn, 13, TcbStatus.OutOfDate)]);
        string edited = collateral.TcbInfoJson.Replace("OutOfDate", "UpToDate", StringComparison.Ordinal);

        Assert.Equal(VerificationCheck.TcbInfoSignature, Verify(collateral with { TcbInfoJson = edited }).FailedCheck);
    }

    [Fact]
    public void Verify_TcbInfoSignedByThePckKey_FailsTcbInfoSignature()
    {
        QuoteCollateral collateral = _fixture.Collateral();
        var signature = new byte[EcdsaP256.SignatureSize];
        EcdsaP256.Sign(_fixture.Pki.LeafKey, System.Text.Encoding.UTF8.GetBytes(collateral.TcbInfoJson), signature);

        Assert.Equal(VerificationCheck.TcbInfoSignature, Verify(collateral with { TcbInfoSignature = signature }).FailedCheck);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-31)]
    public void Verify_TcbInfoOutsideItsWindow_FailsTcbInfoValidity(int issuedDaysFromNow)
    {
        QuoteCollateral collateral = _fixture.Collateral(s =>
        {
            s.IssueDate = QuoteFixture.Now.AddDays(issuedDaysFromNow);
            s.CrlThisUpdate = QuoteFixture.Now.AddDays(-1);
            s.QeIdentityIssueDate = QuoteFixture.Now.AddDays(-1);
        });

        Assert.Equal(VerificationCheck.TcbInfoValidity, Verify(collateral).FailedCheck);
    }

    [Fact]
    public void Verify_TcbInfoForAnotherFmspc_FailsTcbInfoMismatch()
    {
        VerificationResult result = Verify(_fixture.Collateral(s => s.Fmspc = [0x00, 0x60, 0x6A, 0x00, 0x00, 0x00]));

        Assert.Equal(VerificationCheck.TcbInfoMismatch, result.FailedCheck);
        Assert.Contains("FMSPC", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TcbInfoForAnotherPceId_FailsTcbInfoMismatch()
    {
        VerificationResult result = Verify(_fixture.Collateral(s => s.PceId = [0x01, 0x00]));

        Assert.Equal(VerificationCheck.TcbInfoMismatch, result.FailedCheck);
        Assert.Contains("PCE-ID", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_QeIdentitySignatureFlipped_FailsQeIdentitySignature()
    {
        QuoteCollateral collateral = _fixture.Collateral();
        byte[] signature = collateral.QeIdentitySignature.ToArray();
        signature[40] ^= 0x80;

        Assert.Equal(VerificationCheck.QeIdentitySignature, Verify(collateral with { QeIdentitySignature = signature }).FailedCheck);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-31)]
    public void Verify_QeIdentityOutsideItsWindow_FailsQeIdentityValidity(int issuedDaysFromNow)
    {
        QuoteCollateral collateral = _fixture.Collateral(s => s.QeIdentityIssueDate = QuoteFixture.Now.AddDays(issuedDaysFromNow));

        Assert.Equal(VerificationCheck.QeIdentityValidity, Verify(collateral).FailedCheck);
    }

    public static TheoryData<string> QeMismatches() => ["mrsigner", "isvprodid", "miscselect", "attributes"];

    [Theory]
    [MemberData(nameof(QeMismatches))]
    public void Verify_QeReportNotMatchingQeIdentity_FailsQeIdentity(string field)
    {
        QuoteCollateral collateral = _fixture.Collateral(s =>
        {
            switch (field)
            {
                case "mrsigner": s.QeMrSigner = QuotingEnclavePolicy.IntelSgx.MrSigner; break;
                case "isvprodid": s.QeProductId = 2; break;
                case "miscselect": s.MiscSelect = 1; break;
                default: s.QeAttributesMask = Convert.FromHexString("FFFFFFFFFFFFFFFF0000000000000000"); break; // MODE64BIT now compared
            }
        });

        VerificationResult result = Verify(collateral);

        Assert.Equal(VerificationCheck.QeIdentity, result.FailedCheck);
        Assert.Contains("QE Identity", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_QeDebugAttributeUnderIntelMask_FailsQeIdentity()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.QeDebug = true);

        VerificationResult result = _fixture.Verifier(_fixture.CollateralPolicy()).Verify(quote, binding, _fixture.Collateral());

        Assert.Equal(VerificationCheck.QeIdentity, result.FailedCheck);
    }

    [Fact]
    public void Verify_QeMatchingQeIdentityButNotPolicy_FailsQeIdentity()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        VerificationPolicy policy = _fixture.CollateralPolicy();
        var pinsIntel = new VerificationPolicy
        {
            PinnedRoot = policy.PinnedRoot,
            QuotingEnclave = QuotingEnclavePolicy.IntelSgx,
            AllowedMeasurements = policy.AllowedMeasurements,
            AllowSimulation = true,
            RequireCollateral = true,
        };

        Assert.Equal(VerificationCheck.QeIdentity, _fixture.Verifier(pinsIntel).Verify(quote, binding, _fixture.Collateral()).FailedCheck);
    }

    private VerificationResult Verify(QuoteCollateral collateral)
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        return _fixture.Verifier(_fixture.CollateralPolicy()).Verify(quote, binding, collateral);
    }
}
