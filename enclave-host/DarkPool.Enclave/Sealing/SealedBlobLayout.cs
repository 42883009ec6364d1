namespace DarkPool.Enclave.Sealing;

/// <summary>
/// The descriptor of a sealed blob: a 64-byte header (the AES-GCM associated data, with the caller's context
/// appended), the ciphertext, and the 16-byte tag. Little-endian integers; the ASCII diagram is in
/// docs/ATTESTATION.md.
/// </summary>
public static class SealedBlobLayout
{
    /// <summary>The only format version written and read.</summary>
    public const ushort Version = 1;

    /// <summary>Magic, 4 bytes: "DPSB".</summary>
    public const int MagicOffset = 0;

    /// <summary>Format version, u16.</summary>
    public const int VersionOffset = 4;

    /// <summary>Seal policy, u16 (1 unique, 2 product).</summary>
    public const int PolicyOffset = 6;

    /// <summary>Sealing key generation, u32 (from 1).</summary>
    public const int GenerationOffset = 8;

    /// <summary>ISVSVN of the enclave that sealed, u16.</summary>
    public const int SecurityVersionOffset = 12;

    /// <summary>Reserved, u16, zero.</summary>
    public const int ReservedOffset = 14;

    /// <summary>Key id, 32 random bytes: the HKDF salt of this blob's key.</summary>
    public const int KeyIdOffset = 16;

    /// <summary>Size of the key id.</summary>
    public const int KeyIdSize = 32;

    /// <summary>AES-GCM nonce, 12 random bytes.</summary>
    public const int NonceOffset = 48;

    /// <summary>Size of the nonce.</summary>
    public const int NonceSize = 12;

    /// <summary>Plaintext length, u32.</summary>
    public const int LengthOffset = 60;

    /// <summary>Size of the header; the ciphertext starts here.</summary>
    public const int HeaderSize = 64;

    /// <summary>Size of the AES-GCM tag at the end.</summary>
    public const int TagSize = 16;

    /// <summary>The magic bytes.</summary>
    public static ReadOnlySpan<byte> Magic => "DPSB"u8;
}
