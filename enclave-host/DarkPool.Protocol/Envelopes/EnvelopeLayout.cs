using System.Buffers.Binary;

namespace DarkPool.Protocol.Envelopes;

/// <summary>
/// The one descriptor of the envelope format. Integers are little-endian. The 40-byte header is the AES-GCM associated
/// data, so none of it can be changed without failing authentication. Diagram in docs/PROTOCOL.md.
/// <code>
///  0 version u8 | 1 kind u8 | 2 size class u8 | 3 reserved u8 | 4 session id (16) | 20 sequence u64 | 28 nonce (12)
/// 40 ciphertext (256 or 1,024) | tag (16)
/// </code>
/// </summary>
public static class EnvelopeLayout
{
    /// <summary>The envelope version this descriptor describes.</summary>
    public const byte Version = 1;

    /// <summary>Version byte.</summary>
    public const int VersionOffset = 0;

    /// <summary><see cref="EnvelopeKind"/> byte.</summary>
    public const int KindOffset = 1;

    /// <summary><see cref="EnvelopeSizeClass"/> byte.</summary>
    public const int SizeClassOffset = 2;

    /// <summary>Reserved byte, zero.</summary>
    public const int ReservedOffset = 3;

    /// <summary>The session id.</summary>
    public const int SessionIdOffset = 4;

    /// <summary>The sender's sequence number, u64, starting at 1 in each direction.</summary>
    public const int SequenceOffset = SessionIdOffset + SessionId.Size;

    /// <summary>The AES-GCM nonce.</summary>
    public const int NonceOffset = SequenceOffset + 8;

    /// <summary>Size of the nonce.</summary>
    public const int NonceSize = 12;

    /// <summary>Size of the header, which is also the associated data.</summary>
    public const int HeaderSize = NonceOffset + NonceSize;

    /// <summary>Where the ciphertext starts.</summary>
    public const int CiphertextOffset = HeaderSize;

    /// <summary>Size of the AES-GCM tag, which follows the ciphertext.</summary>
    public const int TagSize = 16;

    /// <summary>Plaintext size of a standard envelope.</summary>
    public const int StandardPlaintextSize = 256;

    /// <summary>Plaintext size of a bulk envelope.</summary>
    public const int BulkPlaintextSize = 1024;

    /// <summary>Total size of a standard envelope: 312 bytes.</summary>
    public const int StandardEnvelopeSize = HeaderSize + StandardPlaintextSize + TagSize;

    /// <summary>Total size of a bulk envelope: 1,080 bytes.</summary>
    public const int BulkEnvelopeSize = HeaderSize + BulkPlaintextSize + TagSize;

    /// <summary>The largest envelope.</summary>
    public const int MaxEnvelopeSize = BulkEnvelopeSize;

    /// <summary>The plaintext size of a size class.</summary>
    public static int PlaintextSize(EnvelopeSizeClass sizeClass) => sizeClass switch
    {
        EnvelopeSizeClass.Standard => StandardPlaintextSize,
        EnvelopeSizeClass.Bulk => BulkPlaintextSize,
        _ => throw new ArgumentOutOfRangeException(nameof(sizeClass)),
    };

    /// <summary>The envelope size of a size class.</summary>
    public static int EnvelopeSize(EnvelopeSizeClass sizeClass) => HeaderSize + PlaintextSize(sizeClass) + TagSize;

    /// <summary>The largest MessagePack message a size class carries (its plaintext less the length prefix).</summary>
    public static int MessageCapacity(EnvelopeSizeClass sizeClass) => PlaintextSize(sizeClass) - Padding.LengthPrefixSize;

    /// <summary>
    /// Writes the nonce the client uses: four zero bytes, then a u64 counter that never repeats under one key (its seal
    /// counter). Receivers accept any nonce.
    /// </summary>
    public static void WriteNonce(ulong counter, Span<byte> nonce) => WriteNonce(0, counter, nonce);

    /// <summary>
    /// Writes a nonce of a u32 <paramref name="epoch"/> then a u64 <paramref name="counter"/>. The enclave's epoch
    /// changes at every start (its monotonic counter), so a response sequence number that a host made it reuse, by
    /// cutting released records off the journal before a restart, is never sealed twice under one nonce
    /// (docs/PROTOCOL.md §4).
    /// </summary>
    public static void WriteNonce(uint epoch, ulong counter, Span<byte> nonce)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(nonce, epoch);
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], counter);
    }
}
