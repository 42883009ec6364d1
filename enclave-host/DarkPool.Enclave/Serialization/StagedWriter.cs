using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace DarkPool.Enclave.Serialization;

/// <summary>
/// Little-endian fields for the enclave snapshot's parts, staged in a 16 KiB block and handed to the buffer writer (and
/// to <see cref="OnBlock"/>) a block at a time; <see cref="Flush"/> hands over the rest. A buffer writer's GetSpan and
/// Advance per field, and a hash call per field, had been most of the sequencer's snapshot pause. Not thread-safe; one
/// per part written.
/// </summary>
/// <remarks>
/// The block holds state (keys, balances, fills): <see cref="Dispose()"/> zeroes it before it goes back to the pool.
/// The methods the snapshot calls per field are inlined into their callers or compiled fully optimised at their first
/// call: a snapshot runs once per million records, inside the sequencer's pause, and would otherwise run tier-0 code.
/// </remarks>
internal class StagedWriter : IDisposable
{
    private const int BlockSize = 16 * 1024;
    private readonly IBufferWriter<byte>? _output;
    private byte[]? _block = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _used;

    /// <param name="output">Where the bytes go; null to only feed <see cref="OnBlock"/> (a hash of state not kept).</param>
    public StagedWriter(IBufferWriter<byte>? output) => _output = output;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void U8(byte value) => Reserve(1)[0] = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void U16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void U32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void U64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void I32(int value) => U32((uint)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void I64(long value) => U64((ulong)value);

    /// <summary>The bytes as they are, no length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= BlockSize - _used)
        {
            bytes.CopyTo(Block.AsSpan(_used));
            _used += bytes.Length;
            return;
        }

        Flush();
        if (bytes.Length < BlockSize)
        {
            bytes.CopyTo(Block);
            _used = bytes.Length;
        }
        else
        {
            OnBlock(bytes);
            _output?.Write(bytes);
        }
    }

    /// <summary>
    /// Room for a field of <paramref name="size"/> bytes (at most 16 KiB), to be filled at once: it counts as written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> Reserve(int size)
    {
        if (size > BlockSize - _used)
        {
            Flush();
        }

        Span<byte> span = Block.AsSpan(_used, size);
        _used += size;
        return span;
    }

    /// <summary>Hands everything staged to <see cref="OnBlock"/> and the buffer writer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Flush()
    {
        if (_used > 0)
        {
            ReadOnlySpan<byte> staged = Block.AsSpan(0, _used);
            OnBlock(staged);
            _output?.Write(staged);
            _used = 0;
        }
    }

    /// <summary>Zeroes the staging block and returns it; what was not flushed is dropped.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Every byte written, in order, a block at a time, just before it reaches the buffer writer.</summary>
    protected virtual void OnBlock(ReadOnlySpan<byte> block)
    {
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _block is { } block)
        {
            _block = null;
            CryptographicOperations.ZeroMemory(block.AsSpan(0, BlockSize));
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    private byte[] Block => _block ?? throw new ObjectDisposedException(nameof(StagedWriter));
}
