namespace DarkPool.Attestation.Identity;

/// <summary>
/// The descriptor of the signed enclave manifest, the counterpart of SGX's SIGSTRUCT: the release key signs the
/// measurement, attributes, product id and security version; MRSIGNER is the hash of the key in it.
/// Little-endian integers; the ASCII diagram is in docs/ATTESTATION.md.
/// </summary>
public static class EnclaveManifestLayout
{
    /// <summary>The only manifest version understood.</summary>
    public const ushort Version = 1;

    /// <summary>Magic, 8 bytes: "DPENCSIG".</summary>
    public const int MagicOffset = 0;

    /// <summary>Format version, u16.</summary>
    public const int VersionOffset = 8;

    /// <summary>Reserved, u16, zero.</summary>
    public const int ReservedOffset = 10;

    /// <summary>MRENCLAVE, 32 bytes.</summary>
    public const int MrEnclaveOffset = 12;

    /// <summary>ATTRIBUTES.FLAGS, u64: only the DEBUG bit may be set.</summary>
    public const int AttributesOffset = 44;

    /// <summary>ISVPRODID, u16.</summary>
    public const int ProductIdOffset = 52;

    /// <summary>ISVSVN, u16.</summary>
    public const int SecurityVersionOffset = 54;

    /// <summary>The release signing public key, X||Y.</summary>
    public const int SignerKeyOffset = 56;

    /// <summary>r||s by the release key over bytes 0..119.</summary>
    public const int SignatureOffset = 120;

    /// <summary>Bytes covered by the signature.</summary>
    public const int SignedSize = SignatureOffset;

    /// <summary>Total size.</summary>
    public const int Size = SignatureOffset + EcdsaP256.SignatureSize;

    /// <summary>The magic bytes.</summary>
    public static ReadOnlySpan<byte> Magic => "DPENCSIG"u8;
}
