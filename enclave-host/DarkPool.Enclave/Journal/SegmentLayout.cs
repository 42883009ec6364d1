namespace DarkPool.Enclave.Journal;

/// <summary>
/// The descriptor of a segment file's header: a 12-byte clear prefix, then a blob sealed by the platform's
/// <see cref="Sealing.Sealer"/> (policy product, context <see cref="SealContext"/>) holding what the segment's records
/// depend on. Records follow from <see cref="HeaderSize"/>. Little-endian; diagram in docs/STORAGE.md.
/// </summary>
public static class SegmentLayout
{
    /// <summary>The only format version written and read.</summary>
    public const ushort Version = 1;

    /// <summary>Format version, u16, after the 4-byte magic.</summary>
    public const int VersionOffset = 4;

    /// <summary>Reserved, u16, zero.</summary>
    public const int ReservedOffset = 6;

    /// <summary>Length of the sealed blob, u32; always <see cref="SealedLength"/> in version 1.</summary>
    public const int SealedLengthOffset = 8;

    /// <summary>Where the sealed blob starts.</summary>
    public const int SealedOffset = 12;

    /// <summary>Length of the sealed blob: the sealed-blob header, <see cref="Content.Size"/> bytes, the tag.</summary>
    public const int SealedLength = Sealing.SealedBlobLayout.HeaderSize + Content.Size + Sealing.SealedBlobLayout.TagSize;

    /// <summary>Size of the whole segment header; the first record starts here.</summary>
    public const int HeaderSize = SealedOffset + SealedLength;

    /// <summary>The magic bytes: "DPJS".</summary>
    public static ReadOnlySpan<byte> Magic => "DPJS"u8;

    /// <summary>The sealing context: a segment header blob opens only as a segment header.</summary>
    public static ReadOnlySpan<byte> SealContext => "DarkPool.Journal.Segment.v1"u8;

    /// <summary>The sealed content of a segment header.</summary>
    public static class Content
    {
        /// <summary>Journal id, 16 random bytes fixed when the journal was created.</summary>
        public const int JournalIdOffset = 0;

        /// <summary>Sequence of the segment's first record, u64.</summary>
        public const int FirstSequenceOffset = 16;

        /// <summary>SHA-256 of the frame of the record before the first one (zero before record 1).</summary>
        public const int PreviousHashOffset = 24;

        /// <summary>The platform's monotonic counter value this segment was created under, u64.</summary>
        public const int CounterOffset = 56;

        /// <summary>The segment's random AES-256 key, used for its records only.</summary>
        public const int KeyOffset = 64;

        /// <summary>Size of the key.</summary>
        public const int KeySize = 32;

        /// <summary>Size of the content.</summary>
        public const int Size = 96;
    }
}
