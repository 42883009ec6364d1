namespace DarkPool.Enclave.Journal;

/// <summary>
/// The descriptor of a snapshot file: a 16-byte clear prefix, then one blob sealed by the platform's
/// <see cref="Sealing.Sealer"/> (policy product, context <see cref="SealContext"/>) holding the journal position, the
/// chain hash at that position, the counter value and the caller's state bytes. Little-endian; diagram in
/// docs/STORAGE.md.
/// </summary>
public static class SnapshotLayout
{
    /// <summary>The only format version written and read.</summary>
    public const ushort Version = 1;

    /// <summary>Format version, u16, after the 4-byte magic.</summary>
    public const int VersionOffset = 4;

    /// <summary>Reserved, u16, zero.</summary>
    public const int ReservedOffset = 6;

    /// <summary>The journal position, u64, in clear (for listing; the sealed copy is the one trusted).</summary>
    public const int PositionOffset = 8;

    /// <summary>Where the sealed blob starts.</summary>
    public const int SealedOffset = 16;

    /// <summary>The magic bytes: "DPSN".</summary>
    public static ReadOnlySpan<byte> Magic => "DPSN"u8;

    /// <summary>The sealing context: a snapshot blob opens only as a snapshot.</summary>
    public static ReadOnlySpan<byte> SealContext => "DarkPool.Journal.Snapshot.v1"u8;

    /// <summary>The sealed content of a snapshot.</summary>
    public static class Content
    {
        /// <summary>Journal id, 16 bytes, as in the segment headers.</summary>
        public const int JournalIdOffset = 0;

        /// <summary>The position: the last record whose effect the state includes, u64.</summary>
        public const int PositionOffset = 16;

        /// <summary>SHA-256 of the frame of the record at the position.</summary>
        public const int ChainHashOffset = 24;

        /// <summary>The platform's monotonic counter value when the snapshot was written, u64.</summary>
        public const int CounterOffset = 56;

        /// <summary>The caller's state bytes start here and run to the end of the content.</summary>
        public const int StateOffset = 64;
    }
}
