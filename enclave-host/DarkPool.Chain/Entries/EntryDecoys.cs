using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DarkPool.Chain.Entries;

/// <summary>
/// Decoy entries of a version 2 batch (docs/SETTLEMENT.md §9): the entry count is padded to <see cref="Total"/> with
/// entries that look like a one-block entry and open for nobody, placed among the real ones at positions drawn from the
/// enclave secret, so the count no longer says how many accounts had activity. Everything is derived from the secret,
/// the batch sequence and the decoy's index: a batch signed again is the same bytes.
/// </summary>
public static class EntryDecoys
{
    /// <summary>Entries a batch carries at least (when it carries any).</summary>
    public const int MinimumEntries = 16;

    /// <summary>The entry count is a multiple of this.</summary>
    public const int Bucket = 16;

    /// <summary>A decoy's plaintext length: one padding block, the size of an entry with a few items.</summary>
    public const int PlaintextLength = SettlementEntry.PaddingBlock;

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
    /// Decoy <paramref name="index"/>'s AES-256 key in batch <paramref name="sequence"/>:
    /// HMAC-SHA256(key = secret, "DarkPool decoy key v2" | sequence (8, BE) | index (4, BE)). Its entry is the zero
    /// plaintext sealed under it like a real entry (<see cref="EntryCipher"/>'s version 2 layout).
    /// </summary>
    public static void Key(ReadOnlySpan<byte> secret, ulong sequence, int index, Span<byte> key)
    {
        Span<byte> message = stackalloc byte[KeyLabel.Length + 12];
        KeyLabel.CopyTo(message);
        BinaryPrimitives.WriteUInt64BigEndian(message[KeyLabel.Length..], sequence);
        BinaryPrimitives.WriteInt32BigEndian(message[(KeyLabel.Length + 8)..], index);
        _ = HMACSHA256.HashData(secret, message, key);
    }

    /// <summary>
    /// The order of a batch's entries: which of its real + decoy positions hold a decoy, each arrangement equally likely, drawn from HMAC-SHA256(key = secret, "DarkPool decoy order v2" | sequence
    /// (8, BE) | block (4, BE)) as a stream of 64-bit numbers.
    /// </summary>
    public sealed class Order
    {
        private readonly byte[] _secret;
        private readonly ulong _sequence;
        private readonly byte[] _block = new byte[32];
        private int _used = 32;
        private int _blockIndex;
        private int _real;
        private int _decoys;

        /// <summary>The order of batch <paramref name="sequence"/>'s entries.</summary>
        public Order(ReadOnlySpan<byte> secret, ulong sequence, int real, int decoys)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(real);
            ArgumentOutOfRangeException.ThrowIfNegative(decoys);
            _secret = secret.ToArray();
            _sequence = sequence;
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

            if (_real + _decoys == 0)
            {
                CryptographicOperations.ZeroMemory(_secret);
                CryptographicOperations.ZeroMemory(_block);
            }

            return decoy;
        }

        /// <summary>A number in [0, <paramref name="bound"/>) (64 random bits reduced; the bias is below 2^-40 for any batch size).</summary>
        private ulong NextBelow(ulong bound)
        {
            if (_used == _block.Length)
            {
                Span<byte> message = stackalloc byte[OrderLabel.Length + 12];
                OrderLabel.CopyTo(message);
                BinaryPrimitives.WriteUInt64BigEndian(message[OrderLabel.Length..], _sequence);
                BinaryPrimitives.WriteInt32BigEndian(message[(OrderLabel.Length + 8)..], _blockIndex++);
                _ = HMACSHA256.HashData(_secret, message, _block);
                _used = 0;
            }

            ulong value = BinaryPrimitives.ReadUInt64BigEndian(_block.AsSpan(_used));
            _used += 8;
            return value % bound;
        }
    }
}
