using DarkPool.Attestation.Quotes;

namespace DarkPool.Attestation.Tests.Quotes;

public sealed class QuoteLayoutTests
{
    [Fact]
    public void Offsets_ReportBodyFields_AreTheSgxQuoteOffsets()
    {
        Assert.Equal(48, QuoteLayout.HeaderSize);
        Assert.Equal(384, QuoteLayout.ReportBodySize);
        Assert.Equal(96, QuoteLayout.ReportBodyOffset + QuoteLayout.Report.AttributesFlagsOffset);
        Assert.Equal(112, QuoteLayout.ReportBodyOffset + QuoteLayout.Report.MrEnclaveOffset);
        Assert.Equal(176, QuoteLayout.ReportBodyOffset + QuoteLayout.Report.MrSignerOffset);
        Assert.Equal(304, QuoteLayout.ReportBodyOffset + QuoteLayout.Report.IsvProdIdOffset);
        Assert.Equal(306, QuoteLayout.ReportBodyOffset + QuoteLayout.Report.IsvSvnOffset);
        Assert.Equal(368, QuoteLayout.ReportBodyOffset + QuoteLayout.Report.ReportDataOffset);
        Assert.Equal(432, QuoteLayout.SignatureDataLengthOffset);
        Assert.Equal(432, QuoteLayout.SignedSize);
    }

    [Fact]
    public void Offsets_SignatureData_FollowEachOther()
    {
        Assert.Equal(QuoteLayout.SignatureDataOffset, QuoteLayout.QuoteSignatureOffset);
        Assert.Equal(QuoteLayout.QuoteSignatureOffset + 64, QuoteLayout.AttestationKeyOffset);
        Assert.Equal(QuoteLayout.AttestationKeyOffset + 64, QuoteLayout.QeReportOffset);
        Assert.Equal(QuoteLayout.QeReportOffset + 384, QuoteLayout.QeReportSignatureOffset);
        Assert.Equal(QuoteLayout.QeReportSignatureOffset + 64, QuoteLayout.QeAuthDataLengthOffset);
        Assert.Equal(QuoteLayout.QeAuthDataLengthOffset + 2, QuoteLayout.QeAuthDataOffset);
    }

    [Fact]
    public void PlatformFlags_SitInTheLastFourBytesOfUserData()
    {
        Assert.Equal(QuoteLayout.UserDataOffset + QuoteLayout.UserDataSize - 4, QuoteLayout.PlatformFlagsOffset);
        Assert.Equal(QuoteLayout.QeIdOffset + QuoteLayout.QeIdSize, QuoteLayout.PlatformFlagsOffset);
    }
}
