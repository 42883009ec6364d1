using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace DarkPool.Attestation.Quotes;

/// <summary>
/// A parsed SGX DCAP ECDSA quote v3: a view over the caller's bytes whose every length has been checked against
/// the bytes present. Parsing proves nothing about authenticity; that is <see cref="Verification.QuoteVerifier"/>'s job.
/// </summary>
public sealed class Quote
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly int _qeAuthDataLength;
    private readonly int _certificationDataOffset;
    private readonly int _certificationDataLength;

    private Quote(ReadOnlyMemory<byte> bytes, int qeAuthDataLength, int certificationDataOffset, int certificationDataLength)
    {
        _bytes = bytes;
        _qeAuthDataLength = qeAuthDataLength;
        _certificationDataOffset = certificationDataOffset;
        _certificationDataLength = certificationDataLength;
    }

    /// <summary>The whole quote.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.Span;

    /// <summary>Security version of the quoting enclave (header).</summary>
    public ushort QeSvn => BinaryPrimitives.ReadUInt16LittleEndian(Bytes[QuoteLayout.QeSvnOffset..]);

    /// <summary>Security version of the provisioning certification enclave (header).</summary>
    public ushort PceSvn => BinaryPrimitives.ReadUInt16LittleEndian(Bytes[QuoteLayout.PceSvnOffset..]);

    /// <summary>The quoting enclave's vendor id (header).</summary>
    public ReadOnlySpan<byte> QeVendorId => Bytes.Slice(QuoteLayout.QeVendorIdOffset, QuoteLayout.QeVendorIdSize);

    /// <summary>The QE ID (header user data bytes 0..15).</summary>
    public ReadOnlySpan<byte> QeId => Bytes.Slice(QuoteLayout.QeIdOffset, QuoteLayout.QeIdSize);

    /// <summary>Platform flags (header user data bytes 16..19).</summary>
    public PlatformFlags Flags => (PlatformFlags)BinaryPrimitives.ReadUInt32LittleEndian(Bytes[QuoteLayout.PlatformFlagsOffset..]);

    /// <summary>True when the quote says it comes from the simulated platform.</summary>
    public bool IsSimulated => (Flags & PlatformFlags.Simulated) != 0;

    /// <summary>The enclave's report body.</summary>
    public ReportBody EnclaveReport => new(_bytes.Slice(QuoteLayout.ReportBodyOffset, QuoteLayout.ReportBodySize));

    /// <summary>Bytes 0..431: what the attestation key signs.</summary>
    public ReadOnlySpan<byte> SignedBytes => Bytes[..QuoteLayout.SignedSize];

    /// <summary>r||s by the attestation key over <see cref="SignedBytes"/>.</summary>
    public ReadOnlySpan<byte> QuoteSignature => Bytes.Slice(QuoteLayout.QuoteSignatureOffset, EcdsaP256.SignatureSize);

    /// <summary>The attestation public key, X||Y.</summary>
    public ReadOnlySpan<byte> AttestationKey => Bytes.Slice(QuoteLayout.AttestationKeyOffset, EcdsaP256.PublicKeySize);

    /// <summary>The quoting enclave's report body.</summary>
    public ReportBody QeReport => new(_bytes.Slice(QuoteLayout.QeReportOffset, QuoteLayout.ReportBodySize));

    /// <summary>r||s by the PCK key over the QE report body.</summary>
    public ReadOnlySpan<byte> QeReportSignature => Bytes.Slice(QuoteLayout.QeReportSignatureOffset, EcdsaP256.SignatureSize);

    /// <summary>The QE authentication data.</summary>
    public ReadOnlySpan<byte> QeAuthData => Bytes.Slice(QuoteLayout.QeAuthDataOffset, _qeAuthDataLength);

    /// <summary>Offset of the certification data type field.</summary>
    public int CertificationDataTypeOffset => QuoteLayout.QeAuthDataOffset + _qeAuthDataLength;

    /// <summary>The certification data (type 5: PEM certificates, leaf first).</summary>
    public ReadOnlySpan<byte> CertificationData => Bytes.Slice(_certificationDataOffset, _certificationDataLength);

    /// <summary>
    /// Parses <paramref name="bytes"/> without copying. Fails on the first structural problem: short input, an
    /// unknown version, key type, certification data type or platform flag, a length that points past the end, or
    /// bytes left over.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out Quote? quote, out QuoteParseError error)
    {
        quote = null;
        ReadOnlySpan<byte> span = bytes.Span;
        if (span.Length < QuoteLayout.MinimumSize)
        {
            error = QuoteParseError.Truncated;
            return false;
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(span[QuoteLayout.VersionOffset..]) != QuoteLayout.Version)
        {
            error = QuoteParseError.UnsupportedVersion;
            return false;
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(span[QuoteLayout.AttestationKeyTypeOffset..]) != QuoteLayout.AttestationKeyTypeEcdsaP256)
        {
            error = QuoteParseError.UnsupportedAttestationKeyType;
            return false;
        }

        var flags = (PlatformFlags)BinaryPrimitives.ReadUInt32LittleEndian(span[QuoteLayout.PlatformFlagsOffset..]);
        if ((flags & ~PlatformFlags.Simulated) != 0)
        {
            error = QuoteParseError.UnknownPlatformFlags;
            return false;
        }

        // Lengths are compared as long so that no value can wrap around.
        long end = span.Length;
        long signatureDataLength = BinaryPrimitives.ReadUInt32LittleEndian(span[QuoteLayout.SignatureDataLengthOffset..]);
        if (QuoteLayout.SignatureDataOffset + signatureDataLength > end)
        {
            error = QuoteParseError.SignatureDataLengthPastEnd;
            return false;
        }

        long signatureDataEnd = QuoteLayout.SignatureDataOffset + signatureDataLength;
        if (signatureDataEnd < QuoteLayout.MinimumSize)
        {
            error = QuoteParseError.Truncated;
            return false;
        }

        int qeAuthDataLength = BinaryPrimitives.ReadUInt16LittleEndian(span[QuoteLayout.QeAuthDataLengthOffset..]);
        long certificationHeader = (long)QuoteLayout.QeAuthDataOffset + qeAuthDataLength;
        if (certificationHeader + QuoteLayout.CertificationDataHeaderSize > signatureDataEnd)
        {
            error = QuoteParseError.QeAuthDataPastEnd;
            return false;
        }

        ushort certificationType = BinaryPrimitives.ReadUInt16LittleEndian(span[(int)certificationHeader..]);
        long certificationLength = BinaryPrimitives.ReadUInt32LittleEndian(span[((int)certificationHeader + 2)..]);
        long certificationOffset = certificationHeader + QuoteLayout.CertificationDataHeaderSize;
        if (certificationOffset + certificationLength > signatureDataEnd)
        {
            error = QuoteParseError.CertificationDataPastEnd;
            return false;
        }

        if (certificationType != QuoteLayout.CertificationDataTypePckChain)
        {
            error = QuoteParseError.UnsupportedCertificationDataType;
            return false;
        }

        if (certificationOffset + certificationLength != signatureDataEnd || signatureDataEnd != end)
        {
            error = QuoteParseError.TrailingBytes;
            return false;
        }

        quote = new Quote(bytes, qeAuthDataLength, (int)certificationOffset, (int)certificationLength);
        error = QuoteParseError.None;
        return true;
    }
}
