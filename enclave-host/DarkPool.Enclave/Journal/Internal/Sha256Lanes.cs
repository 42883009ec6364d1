using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DarkPool.Enclave.Journal.Internal;

// Design:
// Recovery hashes every record frame (the chain hash is SHA-256 over the frame) and the frames are independent, but
// through .NET each SHA-256 of a ~370-byte frame is a trip into OpenSSL costing ~0.8 µs, most of it per-call overhead
// (the SHA-NI work itself is ~0.1 µs): on the reference VM that made hashing the largest single cost of replay. This
// hashes 16 frames at once, one per 32-bit lane of AVX-512 registers (FIPS 180-4 SHA-256, word for word; the tests
// compare it with SHA256.HashData on random messages of every length class). For each block index, the 16 lanes'
// 64-byte blocks are loaded as rows, their words byte-swapped, and the 16 x 16 word matrix transposed with unpacks and
// 128-bit shuffles, so that vector w holds word w of every lane. Messages of different lengths are padded in per-lane
// tail blocks; a lane whose message has no block b any more keeps its state through a mask. Only public data goes
// through here (the frames are ciphertext), so nothing needs clearing. One instance per thread. AggressiveOptimization
// for the reason given in Aes256Gcm: recovery runs right after start, before tiering would get to these methods.

/// <summary>SHA-256 of up to 16 messages at a time on AVX-512, for recovery's frame hashing.</summary>
internal sealed class Sha256Lanes
{
    public const int Lanes = 16;
    public const int HashSize = 32;
    private const int BlockSize = 64;

    private static readonly uint[] RoundConstants =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] InitialState = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    private readonly Vector512<uint>[] _state = new Vector512<uint>[8];
    private readonly Vector512<uint>[] _schedule = new Vector512<uint>[64];
    private readonly Vector512<uint>[] _rows = new Vector512<uint>[Lanes];
    private readonly uint[] _active = new uint[Lanes];
    private readonly uint[] _digest = new uint[8 * Lanes];
    private readonly byte[] _tails = new byte[Lanes * 2 * BlockSize];
    private readonly int[] _fullBlocks = new int[Lanes];
    private readonly int[] _blocks = new int[Lanes];

    /// <summary>Whether this CPU has AVX-512F and AVX-512BW; callers hash one message at a time otherwise.</summary>
    public static bool IsSupported => Avx512F.IsSupported && Avx512BW.IsSupported;

    /// <summary>Within each 32-bit word, the byte order reversed: SHA-256 reads big-endian words.</summary>
    private static Vector512<byte> WordSwap => Vector512.Create(
        (byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
        3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

    /// <summary>
    /// Writes SHA-256 of message i (<paramref name="lengths"/>[i] bytes at <paramref name="offsets"/>[i] in
    /// <paramref name="buffer"/>) to <paramref name="hashes"/>[32 i ..], for up to <see cref="Lanes"/> messages.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Hash(ReadOnlySpan<byte> buffer, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> hashes)
    {
        int count = offsets.Length;
        if (count > Lanes || lengths.Length != count || hashes.Length < count * HashSize)
        {
            throw new ArgumentException("At most 16 messages, each with an offset, a length and room for its hash.");
        }

        int maxBlocks = Prepare(buffer, offsets, lengths);
        for (int word = 0; word < 8; word++)
        {
            _state[word] = Vector512.Create(InitialState[word]);
        }

        for (int block = 0; block < maxBlocks; block++)
        {
            LoadBlock(buffer, offsets, block);
            Compress();
        }

        Span<uint> digest = _digest;
        for (int word = 0; word < 8; word++)
        {
            _state[word].CopyTo(digest[(word * Lanes)..]);
        }

        for (int lane = 0; lane < count; lane++)
        {
            for (int word = 0; word < 8; word++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(hashes[((lane * HashSize) + (word * 4))..], digest[(word * Lanes) + lane]);
            }
        }
    }

    /// <summary>Block counts per lane and the padded tail blocks (the last partial block, 0x80, zeros, the bit length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Prepare(ReadOnlySpan<byte> buffer, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths)
    {
        int maxBlocks = 0;
        for (int lane = 0; lane < Lanes; lane++)
        {
            if (lane >= offsets.Length)
            {
                _fullBlocks[lane] = 0;
                _blocks[lane] = 0;
                continue;
            }

            int length = lengths[lane];

            // A negative multiple of 64 would otherwise slip past the slicing below and hash as the empty state.
            ArgumentOutOfRangeException.ThrowIfNegative(length, nameof(lengths));
            int full = length / BlockSize;
            int rest = length - (full * BlockSize);
            int tailBlocks = rest + 9 > BlockSize ? 2 : 1;
            Span<byte> tail = _tails.AsSpan(lane * 2 * BlockSize, tailBlocks * BlockSize);
            tail.Clear();
            buffer.Slice(offsets[lane] + (full * BlockSize), rest).CopyTo(tail);
            tail[rest] = 0x80;
            BinaryPrimitives.WriteUInt64BigEndian(tail[^8..], (ulong)length * 8);
            _fullBlocks[lane] = full;
            _blocks[lane] = full + tailBlocks;
            maxBlocks = Math.Max(maxBlocks, full + tailBlocks);
        }

        return maxBlocks;
    }

    /// <summary>Block <paramref name="block"/> of every lane into the schedule's first 16 words, and the mask of lanes that have one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LoadBlock(ReadOnlySpan<byte> buffer, ReadOnlySpan<int> offsets, int block)
    {
        Span<Vector512<uint>> rows = _rows;
        for (int lane = 0; lane < Lanes; lane++)
        {
            int full = _fullBlocks[lane];
            if (block >= _blocks[lane])
            {
                _active[lane] = 0;
                rows[lane] = Vector512<uint>.Zero;
                continue;
            }

            _active[lane] = uint.MaxValue;
            ReadOnlySpan<byte> source = block < full
                ? buffer.Slice(offsets[lane] + (block * BlockSize), BlockSize)
                : _tails.AsSpan((lane * 2 * BlockSize) + ((block - full) * BlockSize), BlockSize);
            rows[lane] = Avx512BW.Shuffle(Vector512.Create(source), WordSwap).AsUInt32();
        }

        Transpose(rows, _schedule);
    }

    /// <summary>Columns of the 16 x 16 word matrix <paramref name="rows"/> into <paramref name="columns"/>[0..16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(ReadOnlySpan<Vector512<uint>> rows, Span<Vector512<uint>> columns)
    {
        for (int group = 0; group < 4; group++)
        {
            // Rows 4g..4g+3: after the two interleaves, q[j] holds words j, j+4, j+8, j+12 of those four rows (one per 128-bit lane).
            Vector512<uint> r0 = rows[4 * group];
            Vector512<uint> r1 = rows[(4 * group) + 1];
            Vector512<uint> r2 = rows[(4 * group) + 2];
            Vector512<uint> r3 = rows[(4 * group) + 3];
            Vector512<ulong> t0 = Avx512F.UnpackLow(r0, r1).AsUInt64();
            Vector512<ulong> t1 = Avx512F.UnpackHigh(r0, r1).AsUInt64();
            Vector512<ulong> t2 = Avx512F.UnpackLow(r2, r3).AsUInt64();
            Vector512<ulong> t3 = Avx512F.UnpackHigh(r2, r3).AsUInt64();
            columns[16 + (4 * group)] = Avx512F.UnpackLow(t0, t2).AsUInt32();
            columns[17 + (4 * group)] = Avx512F.UnpackHigh(t0, t2).AsUInt32();
            columns[18 + (4 * group)] = Avx512F.UnpackLow(t1, t3).AsUInt32();
            columns[19 + (4 * group)] = Avx512F.UnpackHigh(t1, t3).AsUInt32();
        }

        for (int j = 0; j < 4; j++)
        {
            // Gather the four row groups' 128-bit pieces: word j, j+4, j+8, j+12 of all 16 rows.
            Vector512<uint> g0 = columns[16 + j];
            Vector512<uint> g1 = columns[20 + j];
            Vector512<uint> g2 = columns[24 + j];
            Vector512<uint> g3 = columns[28 + j];
            Vector512<uint> v0 = Avx512F.Shuffle4x128(g0, g1, 0x88);
            Vector512<uint> v1 = Avx512F.Shuffle4x128(g0, g1, 0xDD);
            Vector512<uint> v2 = Avx512F.Shuffle4x128(g2, g3, 0x88);
            Vector512<uint> v3 = Avx512F.Shuffle4x128(g2, g3, 0xDD);
            columns[j] = Avx512F.Shuffle4x128(v0, v2, 0x88);
            columns[j + 8] = Avx512F.Shuffle4x128(v0, v2, 0xDD);
            columns[j + 4] = Avx512F.Shuffle4x128(v1, v3, 0x88);
            columns[j + 12] = Avx512F.Shuffle4x128(v1, v3, 0xDD);
        }
    }

    /// <summary>
    /// The message schedule (its first 16 words already loaded), then the 64 rounds, eight per step with the variables
    /// renamed instead of moved (round r: d += T1, h = T1 + T2, then the names shift by one); lanes without this block
    /// keep their state.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Compress()
    {
        // Indexed through references: the schedule and the round constants have 64 entries each, so every index below is
        // in range. Without a bounds check per word per round, and with the constants added in the rounds rather than in a
        // pass over the schedule, 16 frames of 389 bytes hash in ~205 instead of ~241 ns of CPU each (best of 15 rounds).
        ref Vector512<uint> w = ref MemoryMarshal.GetArrayDataReference(_schedule);
        ref uint k = ref MemoryMarshal.GetArrayDataReference(RoundConstants);
        for (int t = 16; t < 64; t++)
        {
            Vector512<uint> w15 = Unsafe.Add(ref w, t - 15);
            Vector512<uint> w2 = Unsafe.Add(ref w, t - 2);
            Vector512<uint> s0 = Avx512F.RotateRight(w15, 7) ^ Avx512F.RotateRight(w15, 18) ^ Vector512.ShiftRightLogical(w15, 3);
            Vector512<uint> s1 = Avx512F.RotateRight(w2, 17) ^ Avx512F.RotateRight(w2, 19) ^ Vector512.ShiftRightLogical(w2, 10);
            Unsafe.Add(ref w, t) = Unsafe.Add(ref w, t - 16) + s0 + Unsafe.Add(ref w, t - 7) + s1;
        }

        Span<Vector512<uint>> state = _state;
        Vector512<uint> a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 64; t += 8)
        {
            Vector512<uint> x0 = h + BigSigma1(e) + Vector512.ConditionalSelect(e, f, g) + Unsafe.Add(ref w, t) + Vector512.Create(Unsafe.Add(ref k, t));
            d += x0;
            h = x0 + BigSigma0(a) + Vector512.ConditionalSelect(a ^ b, c, b);
            Vector512<uint> x1 = g + BigSigma1(d) + Vector512.ConditionalSelect(d, e, f) + Unsafe.Add(ref w, t + 1) + Vector512.Create(Unsafe.Add(ref k, t + 1));
            c += x1;
            g = x1 + BigSigma0(h) + Vector512.ConditionalSelect(h ^ a, b, a);
            Vector512<uint> x2 = f + BigSigma1(c) + Vector512.ConditionalSelect(c, d, e) + Unsafe.Add(ref w, t + 2) + Vector512.Create(Unsafe.Add(ref k, t + 2));
            b += x2;
            f = x2 + BigSigma0(g) + Vector512.ConditionalSelect(g ^ h, a, h);
            Vector512<uint> x3 = e + BigSigma1(b) + Vector512.ConditionalSelect(b, c, d) + Unsafe.Add(ref w, t + 3) + Vector512.Create(Unsafe.Add(ref k, t + 3));
            a += x3;
            e = x3 + BigSigma0(f) + Vector512.ConditionalSelect(f ^ g, h, g);
            Vector512<uint> x4 = d + BigSigma1(a) + Vector512.ConditionalSelect(a, b, c) + Unsafe.Add(ref w, t + 4) + Vector512.Create(Unsafe.Add(ref k, t + 4));
            h += x4;
            d = x4 + BigSigma0(e) + Vector512.ConditionalSelect(e ^ f, g, f);
            Vector512<uint> x5 = c + BigSigma1(h) + Vector512.ConditionalSelect(h, a, b) + Unsafe.Add(ref w, t + 5) + Vector512.Create(Unsafe.Add(ref k, t + 5));
            g += x5;
            c = x5 + BigSigma0(d) + Vector512.ConditionalSelect(d ^ e, f, e);
            Vector512<uint> x6 = b + BigSigma1(g) + Vector512.ConditionalSelect(g, h, a) + Unsafe.Add(ref w, t + 6) + Vector512.Create(Unsafe.Add(ref k, t + 6));
            f += x6;
            b = x6 + BigSigma0(c) + Vector512.ConditionalSelect(c ^ d, e, d);
            Vector512<uint> x7 = a + BigSigma1(f) + Vector512.ConditionalSelect(f, g, h) + Unsafe.Add(ref w, t + 7) + Vector512.Create(Unsafe.Add(ref k, t + 7));
            e += x7;
            a = x7 + BigSigma0(b) + Vector512.ConditionalSelect(b ^ c, d, c);
        }

        Vector512<uint> active = Vector512.Create((ReadOnlySpan<uint>)_active);
        state[0] = Vector512.ConditionalSelect(active, state[0] + a, state[0]);
        state[1] = Vector512.ConditionalSelect(active, state[1] + b, state[1]);
        state[2] = Vector512.ConditionalSelect(active, state[2] + c, state[2]);
        state[3] = Vector512.ConditionalSelect(active, state[3] + d, state[3]);
        state[4] = Vector512.ConditionalSelect(active, state[4] + e, state[4]);
        state[5] = Vector512.ConditionalSelect(active, state[5] + f, state[5]);
        state[6] = Vector512.ConditionalSelect(active, state[6] + g, state[6]);
        state[7] = Vector512.ConditionalSelect(active, state[7] + h, state[7]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> BigSigma0(Vector512<uint> x) => Avx512F.RotateRight(x, 2) ^ Avx512F.RotateRight(x, 13) ^ Avx512F.RotateRight(x, 22);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> BigSigma1(Vector512<uint> x) => Avx512F.RotateRight(x, 6) ^ Avx512F.RotateRight(x, 11) ^ Avx512F.RotateRight(x, 25);
}
