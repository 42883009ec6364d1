using System.Security.Cryptography;
using DarkPool.Attestation;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Verification;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Tests.Support;

namespace DarkPool.Enclave.Tests.Interop;

/// <summary>
/// The agreement matrix: Phala's dcap-qvl (a port of Intel's QVL) and our verifier read the same evidence files at
/// the same time and must reach the same verdict: the same TCB status and advisories when they accept, a rejection by
/// both otherwise. Our verifier runs with a policy that, like the library, accepts every status but Revoked.
/// </summary>
public sealed class DcapQvlAgreementTests
{
    [Fact]
    public void Verify_FreshEvidence_BothAcceptUpToDateWithOurMeasurementAndReportData()
    {
        using var run = new InteropCase();

        (DcapQvlOutcome phala, VerificationResult ours, ReportDataBinding binding) = run.Run();

        BothAccept(phala, ours, TcbStatus.UpToDate);
        Assert.Equal(run.Fixture.Identity.MrEnclave.ToString(), phala.MrEnclave);
        Assert.Equal(Convert.ToHexStringLower(binding.ToReportData()), phala.ReportData);
        Assert.True(phala.Simulated);
        Assert.Equal(run.Fixture.Identity, ours.Identity);
        Assert.True(ours.IsSimulated);
    }

    [Fact]
    public void Verify_LibraryPinningIntelsRoot_RejectsTheSimulatedQuote()
    {
        using var run = new InteropCase { LibraryPinsIntelRoot = true };

        (DcapQvlOutcome phala, _, _) = run.Run();

        Assert.False(phala.Ok, phala.ToString());
        Assert.Contains("Failed to verify certificate chain", phala.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_PlatformTcbConfiguredOutOfDate_BothSayOutOfDateWithTheAdvisory()
    {
        using var run = new InteropCase { Collateral = new SimulatedCollateralOptions { PlatformTcbStatus = TcbStatus.OutOfDate } };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        BothAccept(phala, ours, TcbStatus.OutOfDate);
        Assert.Equal(["DARKPOOL-SIM-00001"], phala.AdvisoryIds);
    }

    [Fact]
    public void Verify_PlatformTcbOutOfDateUnderDefaultPolicy_OursFailsTcbStatusButReportsIt()
    {
        using var run = new InteropCase { Collateral = new SimulatedCollateralOptions { PlatformTcbStatus = TcbStatus.OutOfDate } };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run(accepted: [TcbStatus.UpToDate]);

        Assert.Equal("OutOfDate", phala.Status);
        Assert.Equal(VerificationCheck.TcbStatus, ours.FailedCheck);
        Assert.Equal(TcbStatus.OutOfDate, ours.TcbStatus);
    }

    [Fact]
    public void Verify_QuotingEnclaveConfiguredOutOfDate_BothSayOutOfDate()
    {
        using var run = new InteropCase { Collateral = new SimulatedCollateralOptions { QeTcbStatus = TcbStatus.OutOfDate } };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        BothAccept(phala, ours, TcbStatus.OutOfDate);
    }

    [Fact]
    public void Verify_PlatformTcbConfiguredRevoked_BothReject()
    {
        using var run = new InteropCase { Collateral = new SimulatedCollateralOptions { PlatformTcbStatus = TcbStatus.Revoked } };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        BothReject(phala, ours, VerificationCheck.TcbStatus, "TCB status is invalid: Revoked");
        Assert.Equal(TcbStatus.Revoked, ours.TcbStatus);
    }

    [Fact]
    public void Verify_PckCertificateRevoked_BothReject()
    {
        using var run = new InteropCase { Collateral = new SimulatedCollateralOptions { PckCertificateRevoked = true } };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        BothReject(phala, ours, VerificationCheck.CertificateRevoked, "Certificate is revoked");
    }

    [Fact]
    public void Verify_TcbInfoExpired_BothReject()
    {
        using var run = new InteropCase
        {
            Collateral = new SimulatedCollateralOptions { TcbInfoLifetime = TimeSpan.FromDays(1) },
            VerifyAfter = TimeSpan.FromDays(2),
        };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        BothReject(phala, ours, VerificationCheck.TcbInfoValidity, "TCBInfo expired");
    }

    [Fact]
    public void Verify_QeIdentityExpired_BothReject()
    {
        using var run = new InteropCase
        {
            Collateral = new SimulatedCollateralOptions { QeIdentityLifetime = TimeSpan.FromDays(1) },
            VerifyAfter = TimeSpan.FromDays(2),
        };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        BothReject(phala, ours, VerificationCheck.QeIdentityValidity, "QE Identity expired");
    }

    [Fact]
    public void Verify_QuoteSignedByAnotherKey_BothReject()
    {
        using var run = new InteropCase { ChangeQuote = quote => Resign(quote, QuoteLayout.QuoteSignatureOffset, quote.AsSpan(0, QuoteLayout.SignedSize)) };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        BothReject(phala, ours, VerificationCheck.QuoteSignature, "ISV enclave report signature is invalid");
    }

    [Fact]
    public void Verify_QeReportSignedByAnotherKeyThanThePck_BothReject()
    {
        using var run = new InteropCase
        {
            ChangeQuote = quote => Resign(quote, QuoteLayout.QeReportSignatureOffset, quote.AsSpan(QuoteLayout.QeReportOffset, QuoteLayout.ReportBodySize)),
        };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        BothReject(phala, ours, VerificationCheck.QeReportSignature, "Signature is invalid for qe_report");
    }

    [Theory]
    [InlineData(QuoteLayout.ReportBodyOffset + QuoteLayout.Report.MrEnclaveOffset)]
    [InlineData(QuoteLayout.ReportBodyOffset + QuoteLayout.Report.ReportDataOffset)]
    public void Verify_ReportBodyTampered_BothReject(int offset)
    {
        using var run = new InteropCase { ChangeQuote = quote => Flip(quote, offset) };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        BothReject(phala, ours, VerificationCheck.QuoteSignature, "ISV enclave report signature is invalid");
    }

    [Fact]
    public void Verify_QeIdentityForAnotherQuotingEnclave_BothReject()
    {
        using var run = new InteropCase
        {
            ChangeCollateral = (collateral, pki) =>
            {
                Assert.True(QeIdentity.TryParse(collateral.QeIdentityJson, out QeIdentity? identity, out string error), error);
                string json = (identity with { MrSigner = QuotingEnclavePolicy.IntelSgx.MrSigner }).ToJson();
                return collateral with { QeIdentityJson = json, QeIdentitySignature = pki.Issuer.SignDocument(json) };
            },
        };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        BothReject(phala, ours, VerificationCheck.QeIdentity, "QE MRSIGNER mismatch");
    }

    [Fact]
    public void Verify_TcbInfoNotSignedByTheTcbSigningKey_BothReject()
    {
        using var run = new InteropCase
        {
            ChangeCollateral = (collateral, _) => collateral with { TcbInfoSignature = Flip(collateral.TcbInfoSignature.ToArray(), 10) },
        };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        BothReject(phala, ours, VerificationCheck.TcbInfoSignature, "Signature is invalid for tcb_info");
    }

    internal static void BothAccept(DcapQvlOutcome phala, VerificationResult ours, TcbStatus status)
    {
        Assert.True(phala.Ok, phala.ToString());
        Assert.True(ours.IsValid, ours.ToString());
        Assert.Equal(status.ToString(), phala.Status);
        Assert.Equal(status, ours.TcbStatus);
        Assert.Equal(phala.AdvisoryIds, ours.AdvisoryIds);
    }

    internal static void BothReject(DcapQvlOutcome phala, VerificationResult ours, VerificationCheck check, string phalaError)
    {
        Assert.False(phala.Ok, $"dcap-qvl accepted: {phala}; ours: {ours}");
        Assert.Contains(phalaError, phala.Error, StringComparison.Ordinal);
        Assert.Equal(check, ours.FailedCheck);
    }

    private static byte[] Resign(byte[] quote, int signatureOffset, ReadOnlySpan<byte> signed)
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        EcdsaP256.Sign(other, signed, quote.AsSpan(signatureOffset, EcdsaP256.SignatureSize));
        return quote;
    }

    private static byte[] Flip(byte[] bytes, int offset)
    {
        bytes[offset] ^= 0x01;
        return bytes;
    }
}
