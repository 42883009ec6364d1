using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DarkPool.Chain.Entries;

/// <summary>
/// Decoy entries of a version 2 batch (docs/SETTLEMENT.md §9): the entry count is padded to <see cref="Total"/> with
/// entries as long as real ones that open for nobody, placed among the real ones at positions drawn from the enclave
/// secret, so the count says only the bucket of how many accounts had activity. Everything is derived from the secret,
/// the batch sequence, its journal head and the decoy's index: a batch signed again is the same bytes.
/// </summary>
public static class EntryDecoys
{
    /// <summary>Entries a batch carries at least (when it carries any).</summary>
    public const int MinimumEntries = 16;

    /// <summary>The entry count is a multiple of this.</summary>
    public const int Bucket = 16;

    private static ReadOnlySpan<byte> KeyLabel => "DarkPool decoy key v2"u8;

    private static ReadOnlySpan<byte> OrderLabel => "DarkPool decoy order v2"u8;

    /// <summary>
    /// How many entries a batch with <paramref name="real"/> real ones carries: 0 for 0, else the next multiple of
    /// <see cref="Bucket"/>, at least <see cref="MinimumEntries"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="real"/> is negative.</exception>
    public static int Total(int real)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(real);
        return real == 0 ? 0 : Math.Max(MinimumEntries, checked((real + Bucket - 1) / Bucket * Bucket));
    }

    /// <summary>
    /// Decoy <paramref name="index"/>'s AES-256 key in batch <paramref name="sequence"/> anchoring
    /// <paramref name="journalHead"/>: HMAC-SHA256(key = secret, "DarkPool decoy key v2" | sequence (8, BE) | journal head
    /// (32) | index (4, BE)). Its entry is the zero plaintext sealed under it in the version 2 layout. The head binds the
    /// decoys to the batch's history, as it binds the real entries' keys: a batch cut again at the same sequence from
    /// another history has other decoys too.
    /// </summary>
    public static void Key(ReadOnlySpan<byte> secret, ulong sequence, Hash32 journalHead, int index, Span<byte> key)
    {
        Span<byte> message = stackalloc byte[KeyLabel.Length + 8 + Hash32.Size + 4];
        KeyLabel.CopyTo(message);
        BinaryPrimitives.WriteUInt64BigEndian(message[KeyLabel.Length..], sequence);
        journalHead.WriteTo(message[(KeyLabel.Length + 8)..]);
        BinaryPrimitives.WriteInt32BigEndian(message[(KeyLabel.Length + 8 + Hash32.Size)..], index);
        _ = HMACSHA256.HashData(secret, message, key);
        CryptographicOperations.ZeroMemory(message);
    }

    /// <summary>
    /// The draws of one batch's decoys: which positions hold a decoy (each arrangement equally likely) and how long each
    /// decoy is (the length of a real entry of the same batch, drawn uniformly, so that decoys are as long as real entries
    /// are). Numbers are 64-bit big-endian words of HMAC-SHA256(key = order key, block (4, BE)), where the order key is
    /// HMAC-SHA256(key = secret, "DarkPool decoy order v2" | sequence (8, BE) | journal head (32)); only the order key is
    /// kept, and <see cref="Dispose"/> clears it.
    /// </summary>
    public sealed class Order : IDisposable
    {
        private readonly byte[] _key = new byte[32];
        private readonly byte[] _block = new byte[32];
        private int _used = 32;
        private int _blockIndex;
        private int _real;
        private int _decoys;

        /// <summary>The draws for batch <paramref name="sequence"/>, anchoring <paramref name="journalHead"/>, of <paramref name="real"/> real entries and <paramref name="decoys"/> decoys.</summary>
        public Order(ReadOnlySpan<byte> secret, ulong sequence, Hash32 journalHead, int real, int decoys)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(real);
            ArgumentOutOfRangeException.ThrowIfNegative(decoys);
            Span<byte> message = stackalloc byte[OrderLabel.Length + 8 + Hash32.Size];
            OrderLabel.CopyTo(message);
            BinaryPrimitives.WriteUInt64BigEndian(message[OrderLabel.Length..], sequence);
            journalHead.WriteTo(message[(OrderLabel.Length + 8)..]);
            _ = HMACSHA256.HashData(secret, message, _key);
            _real = real;
            _decoys = decoys;
        }

        /// <summary>
        /// Whether the next position holds a decoy: true with probability decoys left / positions left, so every
        /// arrangement is equally likely. False once no decoy is left, true once only decoys are.
        /// </summary>
        /// <exception cref="InvalidOperationException">Every position was taken.</exception>
        public bool NextIsDecoy()
        {
            int left = _real + _decoys;
            if (left == 0)
            {
                throw new InvalidOperationException("Every position of the batch was taken.");
            }

            bool decoy = _decoys > 0 && (_real == 0 || NextBelow((ulong)left) < (ulong)_decoys);
            if (decoy)
            {
                _decoys--;
            }
            else
            {
                _real--;
            }

            return decoy;
        }

        /// <summary>A number in [0, <paramref name="bound"/>): which real entry's length the next decoy takes.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is not positive.</exception>
        public int NextIndex(int bound)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
            return (int)NextBelow((ulong)bound);
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(_key);
            CryptographicOperations.ZeroMemory(_block);
        }

        /// <summary>
        /// A number in [0, <paramref name="bound"/>): 64 random bits reduced modulo the bound, whose bias is below
        /// bound / 2^64 (below 2^-33 for any int bound, below 2^-40 for a batch of fewer than 2^24 entries).
        /// </summary>
        private ulong NextBelow(ulong bound)
        {
            if (_used == _block.Length)
            {
                Span<byte> counter = stackalloc byte[4];
                BinaryPrimitives.WriteInt32BigEndian(counter, _blockIndex++);
                _ = HMACSHA256.HashData(_key, counter, _block);
                _used = 0;
            }

            ulong value = BinaryPrimitives.ReadUInt64BigEndian(_block.AsSpan(_used));
            _used += 8;
            return value % bound;
        }
    }
}
