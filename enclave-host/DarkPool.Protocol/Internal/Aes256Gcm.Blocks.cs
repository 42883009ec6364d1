using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using AesNi = System.Runtime.Intrinsics.X86.Aes;

namespace DarkPool.Protocol.Internal;

/// <summary>
/// The accelerated path's AES: key schedule, CTR blocks eight or four at a time, and a message's last bytes (under 128)
/// together; GHASH is in Aes256Gcm.Ghash.cs.
/// </summary>
internal sealed partial class Aes256Gcm
{
    private const int BlockSize = 16;

    /// <summary>
    /// Counter mode over <paramref name="input"/> from counter 2 (1 masks the tag), hashing the ciphertext (the output
    /// when encrypting, the input when decrypting, read before its block is written so that in place works) into
    /// <paramref name="x"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Vector128<byte> Crypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> input, Span<byte> output, Vector128<byte> x, bool encrypting)
    {
        ulong n0 = BinaryPrimitives.ReadUInt64LittleEndian(nonce);
        ulong n1 = BinaryPrimitives.ReadUInt32LittleEndian(nonce[sizeof(ulong)..]);
        ref byte source = ref MemoryMarshal.GetReference(input);
        ref byte destination = ref MemoryMarshal.GetReference(output);
        int length = input.Length;
        uint counter = 2;
        int i = 0;
        // Decrypting, eight blocks at a time: the GHASH of the ciphertext does not wait for the AES, so the two overlap
        // (143 against 230 ns for a 296-byte envelope). Encrypting hashes the AES output, and eight gained nothing there.
        for (; !encrypting && i + (8 * BlockSize) <= length; i += 8 * BlockSize)
        {
            Vector128<byte> k0 = CounterBlock(n0, n1, counter);
            Vector128<byte> k1 = CounterBlock(n0, n1, counter + 1);
            Vector128<byte> k2 = CounterBlock(n0, n1, counter + 2);
            Vector128<byte> k3 = CounterBlock(n0, n1, counter + 3);
            Vector128<byte> k4 = CounterBlock(n0, n1, counter + 4);
            Vector128<byte> k5 = CounterBlock(n0, n1, counter + 5);
            Vector128<byte> k6 = CounterBlock(n0, n1, counter + 6);
            Vector128<byte> k7 = CounterBlock(n0, n1, counter + 7);
            counter += 8;
            EncryptBlocks(ref k0, ref k1, ref k2, ref k3, ref k4, ref k5, ref k6, ref k7);
            Vector128<byte> in0 = Vector128.LoadUnsafe(ref source, (nuint)i);
            Vector128<byte> in1 = Vector128.LoadUnsafe(ref source, (nuint)(i + BlockSize));
            Vector128<byte> in2 = Vector128.LoadUnsafe(ref source, (nuint)(i + (2 * BlockSize)));
            Vector128<byte> in3 = Vector128.LoadUnsafe(ref source, (nuint)(i + (3 * BlockSize)));
            Vector128<byte> in4 = Vector128.LoadUnsafe(ref source, (nuint)(i + (4 * BlockSize)));
            Vector128<byte> in5 = Vector128.LoadUnsafe(ref source, (nuint)(i + (5 * BlockSize)));
            Vector128<byte> in6 = Vector128.LoadUnsafe(ref source, (nuint)(i + (6 * BlockSize)));
            Vector128<byte> in7 = Vector128.LoadUnsafe(ref source, (nuint)(i + (7 * BlockSize)));
            Vector128<byte> out0 = in0 ^ k0;
            Vector128<byte> out1 = in1 ^ k1;
            Vector128<byte> out2 = in2 ^ k2;
            Vector128<byte> out3 = in3 ^ k3;
            Vector128<byte> out4 = in4 ^ k4;
            Vector128<byte> out5 = in5 ^ k5;
            Vector128<byte> out6 = in6 ^ k6;
            Vector128<byte> out7 = in7 ^ k7;
            out0.StoreUnsafe(ref destination, (nuint)i);
            out1.StoreUnsafe(ref destination, (nuint)(i + BlockSize));
            out2.StoreUnsafe(ref destination, (nuint)(i + (2 * BlockSize)));
            out3.StoreUnsafe(ref destination, (nuint)(i + (3 * BlockSize)));
            out4.StoreUnsafe(ref destination, (nuint)(i + (4 * BlockSize)));
            out5.StoreUnsafe(ref destination, (nuint)(i + (5 * BlockSize)));
            out6.StoreUnsafe(ref destination, (nuint)(i + (6 * BlockSize)));
            out7.StoreUnsafe(ref destination, (nuint)(i + (7 * BlockSize)));
            x = encrypting ? HashEight(x, out0, out1, out2, out3, out4, out5, out6, out7) : HashEight(x, in0, in1, in2, in3, in4, in5, in6, in7);
        }

        // Encrypting, four blocks at a time (decrypting has fewer than eight left here, which the tail takes at once).
        for (; encrypting && i + (4 * BlockSize) <= length; i += 4 * BlockSize)
        {
            Vector128<byte> k0 = CounterBlock(n0, n1, counter);
            Vector128<byte> k1 = CounterBlock(n0, n1, counter + 1);
            Vector128<byte> k2 = CounterBlock(n0, n1, counter + 2);
            Vector128<byte> k3 = CounterBlock(n0, n1, counter + 3);
            counter += 4;
            EncryptBlocks(ref k0, ref k1, ref k2, ref k3);
            Vector128<byte> in0 = Vector128.LoadUnsafe(ref source, (nuint)i);
            Vector128<byte> in1 = Vector128.LoadUnsafe(ref source, (nuint)(i + BlockSize));
            Vector128<byte> in2 = Vector128.LoadUnsafe(ref source, (nuint)(i + (2 * BlockSize)));
            Vector128<byte> in3 = Vector128.LoadUnsafe(ref source, (nuint)(i + (3 * BlockSize)));
            Vector128<byte> out0 = in0 ^ k0;
            Vector128<byte> out1 = in1 ^ k1;
            Vector128<byte> out2 = in2 ^ k2;
            Vector128<byte> out3 = in3 ^ k3;
            out0.StoreUnsafe(ref destination, (nuint)i);
            out1.StoreUnsafe(ref destination, (nuint)(i + BlockSize));
            out2.StoreUnsafe(ref destination, (nuint)(i + (2 * BlockSize)));
            out3.StoreUnsafe(ref destination, (nuint)(i + (3 * BlockSize)));
            x = HashFour(x, out0, out1, out2, out3);
        }

        return i < length ? CryptTail(n0, n1, counter, input[i..], output[i..], x, encrypting) : x;
    }

    /// <summary>
    /// The last bytes of a message (under 128: at most eight blocks, the last one possibly partial): their counter blocks
    /// encrypted together and their ciphertext hashed with one reduction, rather than one block at a time, each
    /// reduction waiting for the one before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Vector128<byte> CryptTail(ulong n0, ulong n1, uint counter, ReadOnlySpan<byte> input, Span<byte> output, Vector128<byte> x, bool encrypting)
    {
        int rest = input.Length;
        int blocks = (rest + BlockSize - 1) / BlockSize;
        Span<byte> buffer = stackalloc byte[8 * BlockSize];
        buffer.Clear();
        input.CopyTo(buffer);
        if (!encrypting)
        {
            // The ciphertext, zero-padded, hashed before the output (which may be the input) is written.
            x = HashBlocks(x, buffer, blocks);
        }

        ref byte tail = ref MemoryMarshal.GetReference(buffer);
        Vector128<byte> k0 = CounterBlock(n0, n1, counter);
        Vector128<byte> k1 = CounterBlock(n0, n1, counter + 1);
        Vector128<byte> k2 = CounterBlock(n0, n1, counter + 2);
        Vector128<byte> k3 = CounterBlock(n0, n1, counter + 3);
        if (blocks <= 4)
        {
            EncryptBlocks(ref k0, ref k1, ref k2, ref k3);
        }
        else
        {
            Vector128<byte> k4 = CounterBlock(n0, n1, counter + 4);
            Vector128<byte> k5 = CounterBlock(n0, n1, counter + 5);
            Vector128<byte> k6 = CounterBlock(n0, n1, counter + 6);
            Vector128<byte> k7 = CounterBlock(n0, n1, counter + 7);
            EncryptBlocks(ref k0, ref k1, ref k2, ref k3, ref k4, ref k5, ref k6, ref k7);
            (Vector128.LoadUnsafe(ref tail, 4 * BlockSize) ^ k4).StoreUnsafe(ref tail, 4 * BlockSize);
            (Vector128.LoadUnsafe(ref tail, 5 * BlockSize) ^ k5).StoreUnsafe(ref tail, 5 * BlockSize);
            (Vector128.LoadUnsafe(ref tail, 6 * BlockSize) ^ k6).StoreUnsafe(ref tail, 6 * BlockSize);
            (Vector128.LoadUnsafe(ref tail, 7 * BlockSize) ^ k7).StoreUnsafe(ref tail, 7 * BlockSize);
        }

        (Vector128.LoadUnsafe(ref tail) ^ k0).StoreUnsafe(ref tail);
        (Vector128.LoadUnsafe(ref tail, BlockSize) ^ k1).StoreUnsafe(ref tail, BlockSize);
        (Vector128.LoadUnsafe(ref tail, 2 * BlockSize) ^ k2).StoreUnsafe(ref tail, 2 * BlockSize);
        (Vector128.LoadUnsafe(ref tail, 3 * BlockSize) ^ k3).StoreUnsafe(ref tail, 3 * BlockSize);
        buffer[..rest].CopyTo(output);
        if (encrypting)
        {
            // The ciphertext, zero-padded: the key stream past the end is not part of it.
            buffer[rest..].Clear();
            x = HashBlocks(x, buffer, blocks);
        }

        CryptographicOperations.ZeroMemory(buffer);
        return x;
    }

    /// <summary>nonce || BE32(counter), from the nonce's first eight bytes and last four (little-endian).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> CounterBlock(ulong n0, ulong n1, uint counter) =>
        Vector128.Create(n0, n1 | ((ulong)BinaryPrimitives.ReverseEndianness(counter) << 32)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector128<byte> CounterBlock(ReadOnlySpan<byte> nonce, uint counter) =>
        CounterBlock(BinaryPrimitives.ReadUInt64LittleEndian(nonce), BinaryPrimitives.ReadUInt32LittleEndian(nonce[sizeof(ulong)..]), counter);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<byte> EncryptBlock(Vector128<byte> block)
    {
        block ^= _keys[0];
        block = AesNi.Encrypt(block, _keys[1]);
        block = AesNi.Encrypt(block, _keys[2]);
        block = AesNi.Encrypt(block, _keys[3]);
        block = AesNi.Encrypt(block, _keys[4]);
        block = AesNi.Encrypt(block, _keys[5]);
        block = AesNi.Encrypt(block, _keys[6]);
        block = AesNi.Encrypt(block, _keys[7]);
        block = AesNi.Encrypt(block, _keys[8]);
        block = AesNi.Encrypt(block, _keys[9]);
        block = AesNi.Encrypt(block, _keys[10]);
        block = AesNi.Encrypt(block, _keys[11]);
        block = AesNi.Encrypt(block, _keys[12]);
        block = AesNi.Encrypt(block, _keys[13]);
        return AesNi.EncryptLast(block, _keys[14]);
    }

    /// <summary>Four blocks round by round, so the AES unit's pipeline stays full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EncryptBlocks(ref Vector128<byte> b0, ref Vector128<byte> b1, ref Vector128<byte> b2, ref Vector128<byte> b3)
    {
        Vector128<byte> key = _keys[0];
        Vector128<byte> x0 = b0 ^ key;
        Vector128<byte> x1 = b1 ^ key;
        Vector128<byte> x2 = b2 ^ key;
        Vector128<byte> x3 = b3 ^ key;
        for (int round = 1; round < 14; round++)
        {
            key = _keys[round];
            x0 = AesNi.Encrypt(x0, key);
            x1 = AesNi.Encrypt(x1, key);
            x2 = AesNi.Encrypt(x2, key);
            x3 = AesNi.Encrypt(x3, key);
        }

        key = _keys[14];
        b0 = AesNi.EncryptLast(x0, key);
        b1 = AesNi.EncryptLast(x1, key);
        b2 = AesNi.EncryptLast(x2, key);
        b3 = AesNi.EncryptLast(x3, key);
    }

    /// <summary>Eight blocks round by round: AESENC's latency is covered by seven independent blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EncryptBlocks(
        ref Vector128<byte> b0, ref Vector128<byte> b1, ref Vector128<byte> b2, ref Vector128<byte> b3, ref Vector128<byte> b4, ref Vector128<byte> b5, ref Vector128<byte> b6, ref Vector128<byte> b7)
    {
        Vector128<byte> key = _keys[0];
        Vector128<byte> x0 = b0 ^ key;
        Vector128<byte> x1 = b1 ^ key;
        Vector128<byte> x2 = b2 ^ key;
        Vector128<byte> x3 = b3 ^ key;
        Vector128<byte> x4 = b4 ^ key;
        Vector128<byte> x5 = b5 ^ key;
        Vector128<byte> x6 = b6 ^ key;
        Vector128<byte> x7 = b7 ^ key;
        for (int round = 1; round < 14; round++)
        {
            key = _keys[round];
            x0 = AesNi.Encrypt(x0, key);
            x1 = AesNi.Encrypt(x1, key);
            x2 = AesNi.Encrypt(x2, key);
            x3 = AesNi.Encrypt(x3, key);
            x4 = AesNi.Encrypt(x4, key);
            x5 = AesNi.Encrypt(x5, key);
            x6 = AesNi.Encrypt(x6, key);
            x7 = AesNi.Encrypt(x7, key);
        }

        key = _keys[14];
        b0 = AesNi.EncryptLast(x0, key);
        b1 = AesNi.EncryptLast(x1, key);
        b2 = AesNi.EncryptLast(x2, key);
        b3 = AesNi.EncryptLast(x3, key);
        b4 = AesNi.EncryptLast(x4, key);
        b5 = AesNi.EncryptLast(x5, key);
        b6 = AesNi.EncryptLast(x6, key);
        b7 = AesNi.EncryptLast(x7, key);
    }

    /// <summary>The AES-256 key schedule with AESKEYGENASSIST (Intel white paper, AES_256_Key_Expansion).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ExpandKey(ReadOnlySpan<byte> key)
    {
        Vector128<byte> t1 = Vector128.Create(key[..BlockSize]);
        Vector128<byte> t3 = Vector128.Create(key[BlockSize..]);
        _keys[0] = t1;
        _keys[1] = t3;
        t1 = NextEven(t1, AesNi.KeygenAssist(t3, 0x01));
        _keys[2] = t1;
        t3 = NextOdd(t1, t3);
        _keys[3] = t3;
        t1 = NextEven(t1, AesNi.KeygenAssist(t3, 0x02));
        _keys[4] = t1;
        t3 = NextOdd(t1, t3);
        _keys[5] = t3;
        t1 = NextEven(t1, AesNi.KeygenAssist(t3, 0x04));
        _keys[6] = t1;
        t3 = NextOdd(t1, t3);
        _keys[7] = t3;
        t1 = NextEven(t1, AesNi.KeygenAssist(t3, 0x08));
        _keys[8] = t1;
        t3 = NextOdd(t1, t3);
        _keys[9] = t3;
        t1 = NextEven(t1, AesNi.KeygenAssist(t3, 0x10));
        _keys[10] = t1;
        t3 = NextOdd(t1, t3);
        _keys[11] = t3;
        t1 = NextEven(t1, AesNi.KeygenAssist(t3, 0x20));
        _keys[12] = t1;
        t3 = NextOdd(t1, t3);
        _keys[13] = t3;
        _keys[14] = NextEven(t1, AesNi.KeygenAssist(t3, 0x40));
    }

    private static Vector128<byte> NextEven(Vector128<byte> previous, Vector128<byte> assist) =>
        SpreadXor(previous) ^ Sse2.Shuffle(assist.AsUInt32(), 0xFF).AsByte();

    private static Vector128<byte> NextOdd(Vector128<byte> even, Vector128<byte> previous) =>
        SpreadXor(previous) ^ Sse2.Shuffle(AesNi.KeygenAssist(even, 0x00).AsUInt32(), 0xAA).AsByte();

    /// <summary>w0, w0^w1, w0^w1^w2, w0^w1^w2^w3: each word XORed with all the words before it.</summary>
    private static Vector128<byte> SpreadXor(Vector128<byte> value)
    {
        Vector128<byte> shifted = Sse2.ShiftLeftLogical128BitLane(value, 4);
        value ^= shifted;
        shifted = Sse2.ShiftLeftLogical128BitLane(shifted, 4);
        value ^= shifted;
        shifted = Sse2.ShiftLeftLogical128BitLane(shifted, 4);
        return value ^ shifted;
    }
}
