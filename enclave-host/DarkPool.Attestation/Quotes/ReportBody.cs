using System.Buffers.Binary;
using DarkPool.Attestation.Identity;
using L = DarkPool.Attestation.Quotes.QuoteLayout.Report;

namespace DarkPool.Attestation.Quotes;

/// <summary>A read-only view of a 384-byte SGX report body, the enclave's or the quoting enclave's.</summary>
public readonly struct ReportBody
{
    private readonly ReadOnlyMemory<byte> _bytes;

    /// <summary>Wraps exactly <see cref="QuoteLayout.ReportBodySize"/> bytes; no copy is made.</summary>
    public ReportBody(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length != QuoteLayout.ReportBodySize)
        {
            throw new ArgumentException($"A report body is {QuoteLayout.ReportBodySize} bytes.", nameof(bytes));
        }

        _bytes = bytes;
    }

    /// <summary>The 384 bytes as they appear in the quote (what signatures cover).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.Span;

    /// <summary>CPUSVN: the platform's TCB components.</summary>
    public ReadOnlySpan<byte> CpuSvn => Bytes.Slice(L.CpuSvnOffset, L.CpuSvnSize);

    /// <summary>MISCSELECT.</summary>
    public uint MiscSelect => BinaryPrimitives.ReadUInt32LittleEndian(Bytes[L.MiscSelectOffset..]);

    /// <summary>ATTRIBUTES.FLAGS.</summary>
    public EnclaveAttributes Attributes => (EnclaveAttributes)BinaryPrimitives.ReadUInt64LittleEndian(Bytes[L.AttributesFlagsOffset..]);

    /// <summary>ATTRIBUTES.XFRM.</summary>
    public ulong Xfrm => BinaryPrimitives.ReadUInt64LittleEndian(Bytes[L.XfrmOffset..]);

    /// <summary>True when the DEBUG attribute is set.</summary>
    public bool IsDebug => (Attributes & EnclaveAttributes.Debug) != 0;

    /// <summary>MRENCLAVE.</summary>
    public Sha256Hash MrEnclave => new(Bytes.Slice(L.MrEnclaveOffset, Sha256Hash.Size));

    /// <summary>MRSIGNER.</summary>
    public Sha256Hash MrSigner => new(Bytes.Slice(L.MrSignerOffset, Sha256Hash.Size));

    /// <summary>ISVPRODID.</summary>
    public ushort IsvProdId => BinaryPrimitives.ReadUInt16LittleEndian(Bytes[L.IsvProdIdOffset..]);

    /// <summary>ISVSVN.</summary>
    public ushort IsvSvn => BinaryPrimitives.ReadUInt16LittleEndian(Bytes[L.IsvSvnOffset..]);

    /// <summary>REPORTDATA, 64 bytes.</summary>
    public ReadOnlySpan<byte> ReportData => Bytes.Slice(L.ReportDataOffset, L.ReportDataSize);

    /// <summary>The identity this report body describes.</summary>
    public EnclaveIdentity ToIdentity() => new(MrEnclave, MrSigner, IsvProdId, IsvSvn, IsDebug);
}
