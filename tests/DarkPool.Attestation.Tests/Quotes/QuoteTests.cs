using System.Buffers.Binary;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Tests.Support;

namespace DarkPool.Attestation.Tests.Quotes;

public sealed class QuoteTests : IDisposable
{
    private readonly QuoteFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void TryParse_EncodedQuote_FieldsSitAtSgxOffsets()
    {
        byte[] reportData = Enumerable.Range(0, 64).Select(i => (byte)(i + 1)).ToArray();
        byte[] quote = _fixture.Encode(new QuoteSpec { Identity = _fixture.Identity, ReportData = reportData });

        Assert.True(Quote.TryParse(quote, out Quote? parsed, out QuoteParseError error), error.ToString());
        Assert.Equal((ushort)3, BinaryPrimitives.ReadUInt16LittleEndian(quote));
        Assert.Equal((ushort)2, BinaryPrimitives.ReadUInt16LittleEndian(quote.AsSpan(2)));
        Assert.Equal(_fixture.Identity.MrEnclave, new Sha256Hash(quote.AsSpan(112, 32)));
        Assert.Equal(_fixture.Identity.MrSigner, new Sha256Hash(quote.AsSpan(176, 32)));
        Assert.Equal(_fixture.Identity.ProductId, BinaryPrimitives.ReadUInt16LittleEndian(quote.AsSpan(304)));
        Assert.Equal(_fixture.Identity.SecurityVersion, BinaryPrimitives.ReadUInt16LittleEndian(quote.AsSpan(306)));
        Assert.Equal(reportData, quote.AsSpan(368, 64).ToArray());
        Assert.Equal((uint)(quote.Length - 436), BinaryPrimitives.ReadUInt32LittleEndian(quote.AsSpan(432)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(quote.AsSpan(44)));
        Assert.Equal(_fixture.Identity, parsed.EnclaveReport.ToIdentity());
        Assert.True(parsed.IsSimulated);
        Assert.Equal(_fixture.QeAuthData, parsed.QeAuthData.ToArray());
        Assert.Equal(_fixture.Pki.CertificationData, parsed.CertificationData.ToArray());
        Assert.Equal(EcdsaP256.ExportPublicKey(_fixture.AttestationKey), parsed.AttestationKey.ToArray());
    }

    [Fact]
    public void TryParse_DebugIdentity_SetsDebugBitOfAttributes()
    {
        byte[] quote = _fixture.Encode(new QuoteSpec { Identity = _fixture.Identity with { Debug = true }, ReportData = new byte[64] });

        Assert.Equal(2, quote[96] & 2);
        Assert.True(Quote.TryParse(quote, out Quote? parsed, out _));
        Assert.True(parsed.EnclaveReport.IsDebug);
    }

    [Fact]
    public void TryParse_HardwareQuote_IsNotSimulated()
    {
        byte[] quote = _fixture.Encode(new QuoteSpec { Identity = _fixture.Identity, ReportData = new byte[64], Flags = PlatformFlags.None });

        Assert.True(Quote.TryParse(quote, out Quote? parsed, out _));
        Assert.False(parsed.IsSimulated);
    }

    [Fact]
    public void TryParse_UnknownPlatformFlag_FailsUnknownPlatformFlags()
    {
        byte[] quote = _fixture.Encode(new QuoteSpec { Identity = _fixture.Identity, ReportData = new byte[64] });
        quote[QuoteLayout.PlatformFlagsOffset] |= 0x02;

        Assert.False(Quote.TryParse(quote, out _, out QuoteParseError error));
        Assert.Equal(QuoteParseError.UnknownPlatformFlags, error);
    }

    [Fact]
    public void TryParse_UnsupportedVersion_FailsUnsupportedVersion()
    {
        byte[] quote = _fixture.Encode(new QuoteSpec { Identity = _fixture.Identity, ReportData = new byte[64] });
        quote[0] = 4;

        Assert.False(Quote.TryParse(quote, out _, out QuoteParseError error));
        Assert.Equal(QuoteParseError.UnsupportedVersion, error);
    }

    [Fact]
    public void TryParse_UnsupportedCertificationDataType_FailsUnsupportedCertificationDataType()
    {
        byte[] quote = _fixture.Encode(new QuoteSpec { Identity = _fixture.Identity, ReportData = new byte[64] });
        quote[QuoteLayout.QeAuthDataOffset + 32] = 3;

        Assert.False(Quote.TryParse(quote, out _, out QuoteParseError error));
        Assert.Equal(QuoteParseError.UnsupportedCertificationDataType, error);
    }

    [Fact]
    public void TryParse_ExtraByteAfterQuote_FailsTrailingBytes()
    {
        byte[] quote = _fixture.Encode(new QuoteSpec { Identity = _fixture.Identity, ReportData = new byte[64] });
        byte[] longer = [.. quote, 0];

        Assert.False(Quote.TryParse(longer, out _, out QuoteParseError error));
        Assert.Equal(QuoteParseError.TrailingBytes, error);
    }

    [Fact]
    public void TryParse_CertificationDataShorterThanSignatureData_FailsTrailingBytes()
    {
        byte[] quote = _fixture.Encode(new QuoteSpec { Identity = _fixture.Identity, ReportData = new byte[64] });
        int lengthOffset = QuoteLayout.QeAuthDataOffset + 32 + 2;
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(quote.AsSpan(lengthOffset));
        BinaryPrimitives.WriteUInt32LittleEndian(quote.AsSpan(lengthOffset), length - 1);

        Assert.False(Quote.TryParse(quote, out _, out QuoteParseError error));
        Assert.Equal(QuoteParseError.TrailingBytes, error);
    }

    [Fact]
    public void TryParse_SignatureDataLengthBelowFixedPart_FailsTruncated()
    {
        byte[] quote = _fixture.Encode(new QuoteSpec { Identity = _fixture.Identity, ReportData = new byte[64] });
        BinaryPrimitives.WriteUInt32LittleEndian(quote.AsSpan(QuoteLayout.SignatureDataLengthOffset), 10);

        Assert.False(Quote.TryParse(quote, out _, out QuoteParseError error));
        Assert.Equal(QuoteParseError.Truncated, error);
    }
}
