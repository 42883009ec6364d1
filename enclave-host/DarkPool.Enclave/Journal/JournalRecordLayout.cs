namespace DarkPool.Enclave.Journal;

/// <summary>
/// The descriptor of one journal record (a frame) inside a segment: a 52-byte clear header, the AES-256-GCM
/// ciphertext of the payload under the segment's key, and the 16-byte tag. Little-endian integers; the ASCII diagram
/// is in docs/STORAGE.md. The header is the associated data, so every field of it is authenticated; the CRC only
/// lets recovery tell a record cut short by a crash (dropped) from a damaged one (refused) before it decrypts.
/// </summary>
public static class JournalRecordLayout
{
    /// <summary>Payload length, u32.</summary>
    public const int PayloadLengthOffset = 0;

    /// <summary>Reserved, u32, zero.</summary>
    public const int ReservedOffset = 4;

    /// <summary>Sequence number, u64, from 1, one more than the previous record's.</summary>
    public const int SequenceOffset = 8;

    /// <summary>SHA-256 of the previous record's whole frame (32 zero bytes before record 1).</summary>
    public const int PreviousHashOffset = 16;

    /// <summary>Size of a hash.</summary>
    public const int HashSize = 32;

    /// <summary>CRC-32C (Castagnoli) of header bytes 0..47, u32.</summary>
    public const int ChecksumOffset = 48;

    /// <summary>Size of the clear header; the ciphertext starts here.</summary>
    public const int HeaderSize = 52;

    /// <summary>Size of the AES-GCM tag after the ciphertext.</summary>
    public const int TagSize = 16;

    /// <summary>Header plus tag: a frame is this plus the payload length.</summary>
    public const int Overhead = HeaderSize + TagSize;

    /// <summary>The largest payload the format allows (16 MiB); a header claiming more is damaged.</summary>
    public const int MaxPayloadLength = 16 * 1024 * 1024;

    /// <summary>AES-GCM nonce size: the sequence number, u64, then four zero bytes.</summary>
    public const int NonceSize = 12;
}
