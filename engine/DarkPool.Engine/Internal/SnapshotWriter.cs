using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace DarkPool.Engine.Internal;

/// <summary>
/// Little-endian fixed-width fields appended to a buffer writer, the engine snapshot's only encoding,
/// with a running checksum over every field written (the snapshot's last field). Fields are staged in
/// a block and handed to the buffer writer a block at a time (<see cref="Flush"/> hands over the rest):
/// a buffer writer's GetSpan and Advance per field, through its interface, were most of the time the
/// enclave's sequencer stood still for a snapshot. The block holds orders: it is zeroed when returned.
/// </summary>
internal sealed class SnapshotWriter(IBufferWriter<byte> output) : IDisposable
{
    private const int BlockSize = 16 * 1024;
    private StateHasher _checksum = new(0x536E617073686F74UL);
    private byte[]? _block = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _used;

    public long Checksum => _checksum.Finish();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
        _checksum.Add(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
        _checksum.Add(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Byte(byte value)
    {
        Reserve(1)[0] = value;
        _checksum.Add(value);
    }

    /// <summary>Hands everything staged to the buffer writer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Flush()
    {
        if (_used > 0)
        {
            output.Write(Block.AsSpan(0, _used));
            _used = 0;
        }
    }

    /// <summary>Zeroes and returns the staging block; what was not flushed is dropped.</summary>
    public void Dispose()
    {
        if (_block is { } block)
        {
            _block = null;
            Array.Clear(block, 0, BlockSize);
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    private byte[] Block => _block ?? throw new ObjectDisposedException(nameof(SnapshotWriter));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        if (size > BlockSize - _used)
        {
            Flush();
        }

        Span<byte> span = Block.AsSpan(_used, size);
        _used += size;
        return span;
    }
}
