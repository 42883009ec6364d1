using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DarkPool.Attestation.Quotes;

/// <summary>
/// Lays out and signs a quote. A platform supplies the parts it owns: its header fields, the enclave's report body,
/// the attestation key, the quoting enclave's report body (whose REPORTDATA must carry
/// <see cref="QeReportBinding"/>), the PCK key that signs it, and the certification data.
/// </summary>
public static class QuoteEncoder
{
    /// <summary>The quote bytes; the attestation key signs bytes 0..431, the PCK key signs the QE report body.</summary>
    public static byte[] Encode(
        QuoteHeaderContent header,
        ReportBodyContent enclaveReport,
        ECDsa attestationKey,
        ReportBodyContent qeReport,
        ECDsa pckKey,
        ReadOnlySpan<byte> qeAuthData,
        ReadOnlySpan<byte> certificationData)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(enclaveReport);
        ArgumentNullException.ThrowIfNull(qeReport);
        if (qeAuthData.Length > ushort.MaxValue)
        {
            throw new ArgumentException("QE authentication data is at most 65,535 bytes.", nameof(qeAuthData));
        }

        if (header.QeVendorId.Length is not (0 or QuoteLayout.QeVendorIdSize) || header.QeId.Length is not (0 or QuoteLayout.QeIdSize))
        {
            throw new ArgumentException("QE vendor id and QE ID are 16 bytes each.", nameof(header));
        }

        int certificationOffset = QuoteLayout.QeAuthDataOffset + qeAuthData.Length + QuoteLayout.CertificationDataHeaderSize;
        var quote = new byte[certificationOffset + certificationData.Length];
        Span<byte> q = quote;

        BinaryPrimitives.WriteUInt16LittleEndian(q[QuoteLayout.VersionOffset..], QuoteLayout.Version);
        BinaryPrimitives.WriteUInt16LittleEndian(q[QuoteLayout.AttestationKeyTypeOffset..], QuoteLayout.AttestationKeyTypeEcdsaP256);
        BinaryPrimitives.WriteUInt16LittleEndian(q[QuoteLayout.QeSvnOffset..], header.QeSvn);
        BinaryPrimitives.WriteUInt16LittleEndian(q[QuoteLayout.PceSvnOffset..], header.PceSvn);
        (header.QeVendorId.IsEmpty ? QuoteLayout.IntelQeVendorId : header.QeVendorId.Span).CopyTo(q[QuoteLayout.QeVendorIdOffset..]);
        header.QeId.Span.CopyTo(q[QuoteLayout.QeIdOffset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(q[QuoteLayout.PlatformFlagsOffset..], (uint)header.Flags);
        enclaveReport.WriteTo(q.Slice(QuoteLayout.ReportBodyOffset, QuoteLayout.ReportBodySize));
        BinaryPrimitives.WriteUInt32LittleEndian(q[QuoteLayout.SignatureDataLengthOffset..], (uint)(quote.Length - QuoteLayout.SignatureDataOffset));

        EcdsaP256.Sign(attestationKey, q[..QuoteLayout.SignedSize], q.Slice(QuoteLayout.QuoteSignatureOffset, EcdsaP256.SignatureSize));
        EcdsaP256.ExportPublicKey(attestationKey, q.Slice(QuoteLayout.AttestationKeyOffset, EcdsaP256.PublicKeySize));
        Span<byte> qeBody = q.Slice(QuoteLayout.QeReportOffset, QuoteLayout.ReportBodySize);
        qeReport.WriteTo(qeBody);
        EcdsaP256.Sign(pckKey, qeBody, q.Slice(QuoteLayout.QeReportSignatureOffset, EcdsaP256.SignatureSize));

        BinaryPrimitives.WriteUInt16LittleEndian(q[QuoteLayout.QeAuthDataLengthOffset..], (ushort)qeAuthData.Length);
        qeAuthData.CopyTo(q[QuoteLayout.QeAuthDataOffset..]);
        int certificationHeader = QuoteLayout.QeAuthDataOffset + qeAuthData.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(q[certificationHeader..], QuoteLayout.CertificationDataTypePckChain);
        BinaryPrimitives.WriteUInt32LittleEndian(q[(certificationHeader + 2)..], (uint)certificationData.Length);
        certificationData.CopyTo(q[certificationOffset..]);
        return quote;
    }
}
