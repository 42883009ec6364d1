using System.Buffers.Binary;

namespace DarkPool.Engine.Internal;

/// <summary>
/// Reads what <see cref="SnapshotWriter"/> wrote, bounds-checked (running out of bytes sets
/// <see cref="Truncated"/> and yields zeros), folding the same running checksum.
/// </summary>
internal ref struct SnapshotReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;
    private StateHasher _checksum = new(0x536E617073686F74UL);

    public bool Truncated { get; private set; }

    public readonly int Remaining => _rest.Length;

    /// <summary>The checksum of every field read so far.</summary>
    public readonly long Checksum => _checksum.Finish();

    public long Int64()
    {
        long value = Take(8) is { Length: 8 } b ? BinaryPrimitives.ReadInt64LittleEndian(b) : 0;
        _checksum.Add(value);
        return value;
    }

    public int Int32()
    {
        int value = Take(4) is { Length: 4 } b ? BinaryPrimitives.ReadInt32LittleEndian(b) : 0;
        _checksum.Add(value);
        return value;
    }

    public byte Byte()
    {
        byte value = Take(1) is { Length: 1 } b ? b[0] : (byte)0;
        _checksum.Add(value);
        return value;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_rest.Length < count)
        {
            Truncated = true;
            _rest = default;
            return default;
        }

        ReadOnlySpan<byte> taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
