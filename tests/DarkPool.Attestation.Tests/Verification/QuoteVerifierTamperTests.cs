using System.Buffers.Binary;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Tests.Support;
using DarkPool.Attestation.Verification;

namespace DarkPool.Attestation.Tests.Verification;

/// <summary>
/// One flipped bit in each region of the quote, and lengths that point past the end: each fails, and fails at the
/// check that owns the region. The fixture's QE authentication data is 32 bytes, so the certification data header
/// sits at 1046.
/// </summary>
public sealed class QuoteVerifierTamperTests : IDisposable
{
    private const int CertificationTypeOffset = QuoteLayout.QeAuthDataOffset + 32;
    private const int CertificationLengthOffset = CertificationTypeOffset + 2;
    private const int CertificationDataOffset = CertificationTypeOffset + QuoteLayout.CertificationDataHeaderSize;

    private readonly QuoteFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<string, int, VerificationCheck> Regions() => new()
    {
        { "header.version", QuoteLayout.VersionOffset, VerificationCheck.Format },
        { "header.att_key_type", QuoteLayout.AttestationKeyTypeOffset, VerificationCheck.Format },
        { "header.reserved", QuoteLayout.ReservedOffset, VerificationCheck.QuoteSignature },
        { "header.qe_svn", QuoteLayout.QeSvnOffset, VerificationCheck.QuoteSignature },
        { "header.pce_svn", QuoteLayout.PceSvnOffset, VerificationCheck.QuoteSignature },
        { "header.qe_vendor_id", QuoteLayout.QeVendorIdOffset + 5, VerificationCheck.QeIdentity },
        { "header.user_data.qe_id", QuoteLayout.QeIdOffset + 3, VerificationCheck.QuoteSignature },
        { "header.user_data.platform_flags", QuoteLayout.PlatformFlagsOffset, VerificationCheck.QuoteSignature },
        { "report.cpusvn", 48, VerificationCheck.QuoteSignature },
        { "report.miscselect", 64, VerificationCheck.QuoteSignature },
        { "report.reserved1", 70, VerificationCheck.QuoteSignature },
        { "report.attributes.flags", 96, VerificationCheck.QuoteSignature },
        { "report.attributes.xfrm", 104, VerificationCheck.QuoteSignature },
        { "report.mrenclave", 112, VerificationCheck.QuoteSignature },
        { "report.reserved2", 150, VerificationCheck.QuoteSignature },
        { "report.mrsigner", 176, VerificationCheck.QuoteSignature },
        { "report.configid", 250, VerificationCheck.QuoteSignature },
        { "report.isvprodid", 304, VerificationCheck.QuoteSignature },
        { "report.isvsvn", 306, VerificationCheck.QuoteSignature },
        { "report.reserved4", 330, VerificationCheck.QuoteSignature },
        { "report.reportdata", 368, VerificationCheck.QuoteSignature },
        { "report.reportdata.end", 431, VerificationCheck.QuoteSignature },
        { "signature_data_len", QuoteLayout.SignatureDataLengthOffset, VerificationCheck.Format },
        { "signature.quote_signature", QuoteLayout.QuoteSignatureOffset + 10, VerificationCheck.QuoteSignature },
        { "signature.attestation_key", QuoteLayout.AttestationKeyOffset + 7, VerificationCheck.QeReportDataBinding },
        { "signature.qe_report.cpusvn", QuoteLayout.QeReportOffset, VerificationCheck.QeReportSignature },
        { "signature.qe_report.mrsigner", QuoteLayout.QeReportOffset + 128, VerificationCheck.QeReportSignature },
        { "signature.qe_report.reportdata", QuoteLayout.QeReportOffset + 320, VerificationCheck.QeReportSignature },
        { "signature.qe_report_signature", QuoteLayout.QeReportSignatureOffset + 33, VerificationCheck.QeReportSignature },
        { "signature.qe_auth_data_len", QuoteLayout.QeAuthDataLengthOffset, VerificationCheck.Format },
        { "signature.qe_auth_data", QuoteLayout.QeAuthDataOffset + 4, VerificationCheck.QeReportDataBinding },
        { "certification.type", CertificationTypeOffset, VerificationCheck.Format },
        { "certification.length", CertificationLengthOffset, VerificationCheck.Format },
        { "certification.leaf", CertificationDataOffset + 120, VerificationCheck.CertificateChain },
        { "certification.leaf.begin_marker", CertificationDataOffset + 3, VerificationCheck.CertificateChain },
    };

    [Theory]
    [MemberData(nameof(Regions))]
    public void Verify_BitFlippedInRegion_FailsAtOwningCheck(string region, int offset, VerificationCheck expected)
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        quote[offset] ^= 0x01;

        VerificationResult result = _fixture.Verifier().Verify(quote, binding);

        Assert.True(result.FailedCheck == expected, $"{region} at {offset}: expected {expected}, got {result}");
    }

    [Theory]
    [MemberData(nameof(Regions))]
    public void Verify_BitFlippedInRegionWithCollateral_FailsAtTheSameCheck(string region, int offset, VerificationCheck expected)
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        quote[offset] ^= 0x01;

        VerificationResult result = _fixture.Verifier(_fixture.CollateralPolicy()).Verify(quote, binding, _fixture.Collateral());

        Assert.True(result.FailedCheck == expected, $"{region} at {offset}: expected {expected}, got {result}");
    }

    [Fact]
    public void Verify_OneBitFlippedInEachByteBeforeCertificationDataWithCollateral_Fails()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        QuoteVerifier verifier = _fixture.Verifier(_fixture.CollateralPolicy());
        QuoteCollateral collateral = _fixture.Collateral();
        var accepted = new List<int>();
        for (int offset = 0; offset < CertificationDataOffset; offset++)
        {
            byte mask = BitOf(offset);
            quote[offset] ^= mask;
            if (verifier.Verify(quote, binding, collateral).IsValid)
            {
                accepted.Add(offset);
            }

            quote[offset] ^= mask;
        }

        Assert.Empty(accepted);
        Assert.True(verifier.Verify(quote, binding, collateral).IsValid);
    }

    [Fact]
    public void Verify_BitFlippedInRootCertificate_FailsCertificateChain()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        quote[quote.Length - 200] ^= 0x01;

        Assert.Equal(VerificationCheck.CertificateChain, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_OneBitFlippedInEachByteBeforeCertificationData_Fails()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        QuoteVerifier verifier = _fixture.Verifier();
        var accepted = new List<int>();
        for (int offset = 0; offset < CertificationDataOffset; offset++)
        {
            byte mask = BitOf(offset);
            quote[offset] ^= mask;
            if (verifier.Verify(quote, binding).IsValid)
            {
                accepted.Add(offset);
            }

            quote[offset] ^= mask;
        }

        Assert.Empty(accepted);
        Assert.True(verifier.Verify(quote, binding).IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(47)]
    [InlineData(QuoteLayout.SignedSize)]
    [InlineData(QuoteLayout.MinimumSize - 1)]
    public void Verify_QuoteTruncatedToLength_FailsFormatTruncated(int length)
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();

        VerificationResult result = _fixture.Verifier().Verify(quote.AsMemory(0, length), binding);

        Assert.Equal(VerificationCheck.Format, result.FailedCheck);
        Assert.Equal(QuoteParseError.Truncated, result.ParseError);
    }

    [Fact]
    public void Verify_QuoteMissingItsLastByte_FailsFormat()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();

        VerificationResult result = _fixture.Verifier().Verify(quote.AsMemory(0, quote.Length - 1), binding);

        Assert.Equal(VerificationCheck.Format, result.FailedCheck);
        Assert.Equal(QuoteParseError.SignatureDataLengthPastEnd, result.ParseError);
    }

    [Fact]
    public void Verify_SignatureDataLengthPastEnd_FailsFormat()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        BinaryPrimitives.WriteUInt32LittleEndian(quote.AsSpan(QuoteLayout.SignatureDataLengthOffset), uint.MaxValue);

        VerificationResult result = _fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.Format, result.FailedCheck);
        Assert.Equal(QuoteParseError.SignatureDataLengthPastEnd, result.ParseError);
    }

    [Fact]
    public void Verify_QeAuthDataLengthPastEnd_FailsFormat()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        BinaryPrimitives.WriteUInt16LittleEndian(quote.AsSpan(QuoteLayout.QeAuthDataLengthOffset), ushort.MaxValue);

        VerificationResult result = _fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.Format, result.FailedCheck);
        Assert.Equal(QuoteParseError.QeAuthDataPastEnd, result.ParseError);
    }

    [Fact]
    public void Verify_CertificationDataLengthPastEnd_FailsFormat()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        BinaryPrimitives.WriteUInt32LittleEndian(quote.AsSpan(CertificationLengthOffset), uint.MaxValue);

        VerificationResult result = _fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.Format, result.FailedCheck);
        Assert.Equal(QuoteParseError.CertificationDataPastEnd, result.ParseError);
    }

    // One bit per byte, not every bit (eight times the verifications): the position moves with the offset, so that
    // every bit position of every field of eight bytes or more is flipped once.
    private static byte BitOf(int offset) => (byte)(1 << (offset % 8));
}
