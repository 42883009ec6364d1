namespace DarkPool.Attestation.Quotes;

/// <summary>
/// The descriptor of the quote format: every offset and size of an Intel SGX DCAP ECDSA quote, version 3
/// (little-endian, packed). Offsets without a prefix are from the start of the quote; those in <see cref="Report"/>
/// are from the start of a 384-byte report body. The ASCII diagram is in docs/ATTESTATION.md.
/// </summary>
public static class QuoteLayout
{
    /// <summary>The only quote version understood.</summary>
    public const ushort Version = 3;

    /// <summary>Attestation key type 2: ECDSA-256 with P-256.</summary>
    public const ushort AttestationKeyTypeEcdsaP256 = 2;

    /// <summary>Certification data type 5: a PEM chain PCK leaf, intermediate CA, root CA.</summary>
    public const ushort CertificationDataTypePckChain = 5;

    /// <summary>Size of the header.</summary>
    public const int HeaderSize = 48;

    /// <summary>Header: version, u16.</summary>
    public const int VersionOffset = 0;

    /// <summary>Header: attestation key type, u16.</summary>
    public const int AttestationKeyTypeOffset = 2;

    /// <summary>Header: reserved, u32, zero.</summary>
    public const int ReservedOffset = 4;

    /// <summary>Header: security version of the quoting enclave, u16.</summary>
    public const int QeSvnOffset = 8;

    /// <summary>Header: security version of the provisioning certification enclave, u16.</summary>
    public const int PceSvnOffset = 10;

    /// <summary>Header: quoting-enclave vendor id, 16 bytes.</summary>
    public const int QeVendorIdOffset = 12;

    /// <summary>Size of the QE vendor id.</summary>
    public const int QeVendorIdSize = 16;

    /// <summary>Header: user data, 20 bytes, chosen by the quoting enclave.</summary>
    public const int UserDataOffset = 28;

    /// <summary>Size of the user data.</summary>
    public const int UserDataSize = 20;

    /// <summary>User data bytes 0..15: the quoting enclave's platform identifier (QE ID).</summary>
    public const int QeIdOffset = 28;

    /// <summary>Size of the QE ID.</summary>
    public const int QeIdSize = 16;

    /// <summary>
    /// User data bytes 16..19: platform flags, u32 (see <see cref="PlatformFlags"/>). Zero on Intel hardware;
    /// bit 0 set means the quote comes from the simulated platform.
    /// </summary>
    public const int PlatformFlagsOffset = 44;

    /// <summary>Start of the enclave's report body.</summary>
    public const int ReportBodyOffset = 48;

    /// <summary>Size of a report body (the enclave's and the quoting enclave's).</summary>
    public const int ReportBodySize = 384;

    /// <summary>Bytes 0..431 (header and report body) are what the attestation key signs.</summary>
    public const int SignedSize = HeaderSize + ReportBodySize;

    /// <summary>Length of the signature data that follows, u32.</summary>
    public const int SignatureDataLengthOffset = 432;

    /// <summary>Start of the signature data.</summary>
    public const int SignatureDataOffset = 436;

    /// <summary>Signature data: r||s by the attestation key over bytes 0..431.</summary>
    public const int QuoteSignatureOffset = 436;

    /// <summary>Signature data: the attestation public key, X||Y.</summary>
    public const int AttestationKeyOffset = 500;

    /// <summary>Signature data: the quoting enclave's report body.</summary>
    public const int QeReportOffset = 564;

    /// <summary>Signature data: r||s by the PCK key over the quoting enclave's report body.</summary>
    public const int QeReportSignatureOffset = 948;

    /// <summary>Signature data: length of the QE authentication data, u16.</summary>
    public const int QeAuthDataLengthOffset = 1012;

    /// <summary>Signature data: the QE authentication data (variable).</summary>
    public const int QeAuthDataOffset = 1014;

    /// <summary>After the QE authentication data: certification data type u16, then its length u32.</summary>
    public const int CertificationDataHeaderSize = 6;

    /// <summary>The shortest well-formed quote: no QE authentication data and no certification data.</summary>
    public const int MinimumSize = QeAuthDataOffset + CertificationDataHeaderSize;

    /// <summary>Intel's quoting-enclave vendor id, 939A7233-F79C-4CA9-940A-0DB3957F0607, also used by the simulation.</summary>
    public static ReadOnlySpan<byte> IntelQeVendorId =>
    [
        0x93, 0x9A, 0x72, 0x33, 0xF7, 0x9C, 0x4C, 0xA9, 0x94, 0x0A, 0x0D, 0xB3, 0x95, 0x7F, 0x06, 0x07,
    ];

    /// <summary>Offsets inside a 384-byte report body (add <see cref="ReportBodyOffset"/> for the enclave's).</summary>
    public static class Report
    {
        /// <summary>CPUSVN, 16 bytes.</summary>
        public const int CpuSvnOffset = 0;

        /// <summary>Size of CPUSVN.</summary>
        public const int CpuSvnSize = 16;

        /// <summary>MISCSELECT, u32.</summary>
        public const int MiscSelectOffset = 16;

        /// <summary>Reserved (12 bytes), then ISVEXTPRODID (16 bytes).</summary>
        public const int IsvExtProdIdOffset = 32;

        /// <summary>ATTRIBUTES.FLAGS, u64 (bit 1 = DEBUG).</summary>
        public const int AttributesFlagsOffset = 48;

        /// <summary>ATTRIBUTES.XFRM, u64.</summary>
        public const int XfrmOffset = 56;

        /// <summary>MRENCLAVE, 32 bytes (quote offset 112).</summary>
        public const int MrEnclaveOffset = 64;

        /// <summary>MRSIGNER, 32 bytes (quote offset 176).</summary>
        public const int MrSignerOffset = 128;

        /// <summary>Reserved (32 bytes) then CONFIGID (64 bytes).</summary>
        public const int ConfigIdOffset = 192;

        /// <summary>ISVPRODID, u16 (quote offset 304).</summary>
        public const int IsvProdIdOffset = 256;

        /// <summary>ISVSVN, u16 (quote offset 306).</summary>
        public const int IsvSvnOffset = 258;

        /// <summary>CONFIGSVN, u16, then 42 reserved bytes and ISVFAMILYID (16 bytes).</summary>
        public const int ConfigSvnOffset = 260;

        /// <summary>REPORTDATA, 64 bytes (quote offset 368).</summary>
        public const int ReportDataOffset = 320;

        /// <summary>Size of REPORTDATA.</summary>
        public const int ReportDataSize = 64;
    }
}
