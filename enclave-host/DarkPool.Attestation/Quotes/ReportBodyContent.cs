using System.Buffers.Binary;
using DarkPool.Attestation.Identity;
using L = DarkPool.Attestation.Quotes.QuoteLayout.Report;

namespace DarkPool.Attestation.Quotes;

/// <summary>
/// The fields a platform puts into a report body. Reserved regions, ISVEXTPRODID, CONFIGID, CONFIGSVN and
/// ISVFAMILYID are written as zero.
/// </summary>
public sealed class ReportBodyContent
{
    /// <summary>CPUSVN, 16 bytes (zero when empty).</summary>
    public ReadOnlyMemory<byte> CpuSvn { get; init; }

    /// <summary>MISCSELECT.</summary>
    public uint MiscSelect { get; init; }

    /// <summary>ATTRIBUTES.FLAGS.</summary>
    public EnclaveAttributes Attributes { get; init; } = EnclaveAttributes.Init | EnclaveAttributes.Mode64Bit;

    /// <summary>ATTRIBUTES.XFRM (x87 and SSE state by default).</summary>
    public ulong Xfrm { get; init; } = 0x3;

    /// <summary>MRENCLAVE.</summary>
    public Sha256Hash MrEnclave { get; init; }

    /// <summary>MRSIGNER.</summary>
    public Sha256Hash MrSigner { get; init; }

    /// <summary>ISVPRODID.</summary>
    public ushort IsvProdId { get; init; }

    /// <summary>ISVSVN.</summary>
    public ushort IsvSvn { get; init; }

    /// <summary>REPORTDATA, 64 bytes (zero when empty).</summary>
    public ReadOnlyMemory<byte> ReportData { get; init; }

    /// <summary>The fields of an enclave with <paramref name="identity"/> reporting <paramref name="reportData"/>.</summary>
    public static ReportBodyContent ForEnclave(EnclaveIdentity identity, ReadOnlyMemory<byte> reportData, ReadOnlyMemory<byte> cpuSvn)
    {
        ArgumentNullException.ThrowIfNull(identity);
        EnclaveAttributes attributes = EnclaveAttributes.Init | EnclaveAttributes.Mode64Bit;
        if (identity.Debug)
        {
            attributes |= EnclaveAttributes.Debug;
        }

        return new ReportBodyContent
        {
            CpuSvn = cpuSvn,
            Attributes = attributes,
            MrEnclave = identity.MrEnclave,
            MrSigner = identity.MrSigner,
            IsvProdId = identity.ProductId,
            IsvSvn = identity.SecurityVersion,
            ReportData = reportData,
        };
    }

    /// <summary>Writes the 384 bytes of the report body.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < QuoteLayout.ReportBodySize)
        {
            throw new ArgumentException($"Need {QuoteLayout.ReportBodySize} bytes.", nameof(destination));
        }

        if (CpuSvn.Length is not (0 or L.CpuSvnSize))
        {
            throw new InvalidOperationException($"CPUSVN is {L.CpuSvnSize} bytes.");
        }

        if (ReportData.Length is not (0 or L.ReportDataSize))
        {
            throw new InvalidOperationException($"REPORTDATA is {L.ReportDataSize} bytes.");
        }

        Span<byte> body = destination[..QuoteLayout.ReportBodySize];
        body.Clear();
        CpuSvn.Span.CopyTo(body[L.CpuSvnOffset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(body[L.MiscSelectOffset..], MiscSelect);
        BinaryPrimitives.WriteUInt64LittleEndian(body[L.AttributesFlagsOffset..], (ulong)Attributes);
        BinaryPrimitives.WriteUInt64LittleEndian(body[L.XfrmOffset..], Xfrm);
        MrEnclave.CopyTo(body[L.MrEnclaveOffset..]);
        MrSigner.CopyTo(body[L.MrSignerOffset..]);
        BinaryPrimitives.WriteUInt16LittleEndian(body[L.IsvProdIdOffset..], IsvProdId);
        BinaryPrimitives.WriteUInt16LittleEndian(body[L.IsvSvnOffset..], IsvSvn);
        ReportData.Span.CopyTo(body[L.ReportDataOffset..]);
    }

    /// <summary>The 384 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var body = new byte[QuoteLayout.ReportBodySize];
        WriteTo(body);
        return body;
    }
}
