using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DarkPool.Protocol.Internal;

/// <summary>
/// The accelerated path's GHASH: carry-less products accumulated over one, four, eight or up to eight blocks and reduced
/// once (the Intel white paper's method, on byte-reversed elements).
/// </summary>
internal sealed partial class Aes256Gcm
{
    private static Vector128<byte> ReverseMask => Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    /// <summary>GHASH of <paramref name="data"/> zero-padded to whole blocks, continuing from <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Vector128<byte> Hash(Vector128<byte> x, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + (8 * BlockSize) <= data.Length; i += 8 * BlockSize)
        {
            x = HashBlocks(x, data.Slice(i, 8 * BlockSize), 8);
        }

        if (i < data.Length)
        {
            Span<byte> buffer = stackalloc byte[8 * BlockSize];
            buffer.Clear();
            data[i..].CopyTo(buffer);
            x = HashBlocks(x, buffer, (data.Length - i + BlockSize - 1) / BlockSize);
        }

        return x;
    }

    /// <summary>
    /// ((x ^ b0)·H^n) ^ (b1·H^(n−1)) ^ ... ^ (b(n−1)·H) for the first <paramref name="blocks"/> (1 to 8) whole blocks of
    /// <paramref name="data"/>: GHASH over them, with one reduction.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<byte> HashBlocks(Vector128<byte> x, ReadOnlySpan<byte> data, int blocks)
    {
        ref byte source = ref MemoryMarshal.GetReference(data[..(blocks * BlockSize)]);
        Vector128<ulong> low = Vector128<ulong>.Zero;
        Vector128<ulong> middle = Vector128<ulong>.Zero;
        Vector128<ulong> high = Vector128<ulong>.Zero;
        Accumulate(x ^ ReverseBytes(Vector128.LoadUnsafe(ref source)), _hashKeys[blocks - 1], ref low, ref middle, ref high);
        for (int j = 1; j < blocks; j++)
        {
            Accumulate(ReverseBytes(Vector128.LoadUnsafe(ref source, (nuint)(j * BlockSize))), _hashKeys[blocks - 1 - j], ref low, ref middle, ref high);
        }

        return Reduce(low, middle, high);
    }

    /// <summary>((x ^ b0)·H^4) ^ (b1·H^3) ^ (b2·H^2) ^ (b3·H), one reduction for the four products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<byte> HashFour(Vector128<byte> x, Vector128<byte> b0, Vector128<byte> b1, Vector128<byte> b2, Vector128<byte> b3)
    {
        Vector128<ulong> low = Vector128<ulong>.Zero;
        Vector128<ulong> middle = Vector128<ulong>.Zero;
        Vector128<ulong> high = Vector128<ulong>.Zero;
        Accumulate(x ^ ReverseBytes(b0), _hashKeys[3], ref low, ref middle, ref high);
        Accumulate(ReverseBytes(b1), _hashKeys[2], ref low, ref middle, ref high);
        Accumulate(ReverseBytes(b2), _hashKeys[1], ref low, ref middle, ref high);
        Accumulate(ReverseBytes(b3), _hashKeys[0], ref low, ref middle, ref high);
        return Reduce(low, middle, high);
    }

    /// <summary>((x ^ b0)·H^8) ^ (b1·H^7) ^ ... ^ (b7·H), one reduction for the eight products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<byte> HashEight(
        Vector128<byte> x, Vector128<byte> b0, Vector128<byte> b1, Vector128<byte> b2, Vector128<byte> b3, Vector128<byte> b4, Vector128<byte> b5, Vector128<byte> b6, Vector128<byte> b7)
    {
        Vector128<ulong> low = Vector128<ulong>.Zero;
        Vector128<ulong> middle = Vector128<ulong>.Zero;
        Vector128<ulong> high = Vector128<ulong>.Zero;
        Accumulate(x ^ ReverseBytes(b0), _hashKeys[7], ref low, ref middle, ref high);
        Accumulate(ReverseBytes(b1), _hashKeys[6], ref low, ref middle, ref high);
        Accumulate(ReverseBytes(b2), _hashKeys[5], ref low, ref middle, ref high);
        Accumulate(ReverseBytes(b3), _hashKeys[4], ref low, ref middle, ref high);
        Accumulate(ReverseBytes(b4), _hashKeys[3], ref low, ref middle, ref high);
        Accumulate(ReverseBytes(b5), _hashKeys[2], ref low, ref middle, ref high);
        Accumulate(ReverseBytes(b6), _hashKeys[1], ref low, ref middle, ref high);
        Accumulate(ReverseBytes(b7), _hashKeys[0], ref low, ref middle, ref high);
        return Reduce(low, middle, high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Multiply(Vector128<byte> a, Vector128<byte> b)
    {
        Vector128<ulong> low = Vector128<ulong>.Zero;
        Vector128<ulong> middle = Vector128<ulong>.Zero;
        Vector128<ulong> high = Vector128<ulong>.Zero;
        Accumulate(a, b, ref low, ref middle, ref high);
        return Reduce(low, middle, high);
    }

    /// <summary>Adds the 256-bit carry-less product a·b (schoolbook: four multiplications) to the accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Vector128<byte> a, Vector128<byte> b, ref Vector128<ulong> low, ref Vector128<ulong> middle, ref Vector128<ulong> high)
    {
        Vector128<ulong> x = a.AsUInt64();
        Vector128<ulong> y = b.AsUInt64();
        low ^= Pclmulqdq.CarrylessMultiply(x, y, 0x00);
        middle ^= Pclmulqdq.CarrylessMultiply(x, y, 0x10) ^ Pclmulqdq.CarrylessMultiply(x, y, 0x01);
        high ^= Pclmulqdq.CarrylessMultiply(x, y, 0x11);
    }

    /// <summary>
    /// The product of two byte-reversed field elements, shifted left by one bit (the operands are bit-reflected) and
    /// reduced modulo x^128 + x^7 + x^2 + x + 1: the Intel white paper's gfmul, from its middle step on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Reduce(Vector128<ulong> low, Vector128<ulong> middle, Vector128<ulong> high)
    {
        Vector128<uint> t3 = (low.AsByte() ^ Sse2.ShiftLeftLogical128BitLane(middle.AsByte(), 8)).AsUInt32();
        Vector128<uint> t6 = (high.AsByte() ^ Sse2.ShiftRightLogical128BitLane(middle.AsByte(), 8)).AsUInt32();

        // Shift the 256-bit value t6:t3 left by one bit.
        Vector128<uint> t7 = Sse2.ShiftRightLogical(t3, 31);
        Vector128<uint> t8 = Sse2.ShiftRightLogical(t6, 31);
        t3 = Sse2.ShiftLeftLogical(t3, 1);
        t6 = Sse2.ShiftLeftLogical(t6, 1);
        Vector128<uint> t9 = Sse2.ShiftRightLogical128BitLane(t7.AsByte(), 12).AsUInt32();
        t8 = Sse2.ShiftLeftLogical128BitLane(t8.AsByte(), 4).AsUInt32();
        t7 = Sse2.ShiftLeftLogical128BitLane(t7.AsByte(), 4).AsUInt32();
        t3 |= t7;
        t6 |= t8 | t9;

        // Reduce the low half into the high half.
        t7 = Sse2.ShiftLeftLogical(t3, 31) ^ Sse2.ShiftLeftLogical(t3, 30) ^ Sse2.ShiftLeftLogical(t3, 25);
        t8 = Sse2.ShiftRightLogical128BitLane(t7.AsByte(), 4).AsUInt32();
        t7 = Sse2.ShiftLeftLogical128BitLane(t7.AsByte(), 12).AsUInt32();
        t3 ^= t7;
        Vector128<uint> t2 = Sse2.ShiftRightLogical(t3, 1) ^ Sse2.ShiftRightLogical(t3, 2) ^ Sse2.ShiftRightLogical(t3, 7) ^ t8;
        return (t6 ^ t3 ^ t2).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ReverseBytes(Vector128<byte> value) => Ssse3.Shuffle(value, ReverseMask);
}
