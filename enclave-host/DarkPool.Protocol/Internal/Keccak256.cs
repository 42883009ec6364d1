using System.Buffers.Binary;
using System.Numerics;

namespace DarkPool.Protocol.Internal;

/// <summary>
/// Keccak-256 as Ethereum uses it (the original Keccak padding 0x01, not SHA3-256's 0x06): needed for account
/// addresses and for the EIP-191 digest a wallet signs. One-shot, allocation-free; inputs here are short.
/// </summary>
internal static class Keccak256
{
    public const int HashSize = 32;
    private const int Rate = 136;

    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
        0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
        0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    // Rotation offsets and the pi permutation, in the order the combined rho-pi step visits the lanes.
    private static ReadOnlySpan<int> Rotations => [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];

    private static ReadOnlySpan<int> PiLanes => [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

    /// <summary>Writes Keccak-256(<paramref name="data"/>) to the first 32 bytes of <paramref name="hash"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> hash) => Hash(data, hash, 0x01);

    /// <summary>
    /// The sponge with a given domain padding byte: 0x01 is Keccak-256, 0x06 is SHA3-256 (which lets tests check the
    /// permutation against the platform's SHA3-256).
    /// </summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> hash, byte domainPadding)
    {
        if (hash.Length < HashSize)
        {
            throw new ArgumentException($"Need {HashSize} bytes.", nameof(hash));
        }

        Span<ulong> state = stackalloc ulong[25];
        state.Clear();
        while (data.Length >= Rate)
        {
            Absorb(state, data[..Rate]);
            Permute(state);
            data = data[Rate..];
        }

        Span<byte> last = stackalloc byte[Rate];
        last.Clear();
        data.CopyTo(last);
        last[data.Length] ^= domainPadding;
        last[Rate - 1] ^= 0x80;
        Absorb(state, last);
        Permute(state);
        for (int i = 0; i < HashSize / 8; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(hash[(i * 8)..], state[i]);
        }
    }

    private static void Absorb(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (int i = 0; i < Rate / 8; i++)
        {
            state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
        }
    }

    private static void Permute(Span<ulong> a)
    {
        Span<ulong> c = stackalloc ulong[5];
        for (int round = 0; round < 24; round++)
        {
            // Theta.
            for (int x = 0; x < 5; x++)
            {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }

            for (int x = 0; x < 5; x++)
            {
                ulong d = c[(x + 4) % 5] ^ BitOperations.RotateLeft(c[(x + 1) % 5], 1);
                for (int y = 0; y < 25; y += 5)
                {
                    a[y + x] ^= d;
                }
            }

            // Rho and pi.
            ulong current = a[1];
            for (int i = 0; i < 24; i++)
            {
                int lane = PiLanes[i];
                ulong next = a[lane];
                a[lane] = BitOperations.RotateLeft(current, Rotations[i]);
                current = next;
            }

            // Chi.
            for (int y = 0; y < 25; y += 5)
            {
                for (int x = 0; x < 5; x++)
                {
                    c[x] = a[y + x];
                }

                for (int x = 0; x < 5; x++)
                {
                    a[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
                }
            }

            // Iota.
            a[0] ^= RoundConstants[round];
        }
    }
}
