using System.Buffers.Binary;

namespace DarkPool.Enclave.Sessions.Internal;

/// <summary>Little-endian fields from a span; past the end it reads zeros and sets <see cref="Truncated"/>.</summary>
internal ref struct StateReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;

    public StateReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _position = 0;
        Truncated = false;
    }

    public bool Truncated { get; private set; }

    public readonly int Position => _position;

    public readonly int Remaining => _bytes.Length - _position;

    public byte U8() => Take(1) is { Length: 1 } b ? b[0] : (byte)0;

    public ushort U16() => Take(2) is { Length: 2 } b ? BinaryPrimitives.ReadUInt16LittleEndian(b) : (ushort)0;

    public uint U32() => Take(4) is { Length: 4 } b ? BinaryPrimitives.ReadUInt32LittleEndian(b) : 0;

    public ulong U64() => Take(8) is { Length: 8 } b ? BinaryPrimitives.ReadUInt64LittleEndian(b) : 0;

    public long I64() => (long)U64();

    /// <summary>The next <paramref name="count"/> bytes, or an empty span (and <see cref="Truncated"/>) if there are fewer.</summary>
    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || Remaining < count)
        {
            Truncated = true;
            _position = _bytes.Length;
            return [];
        }

        ReadOnlySpan<byte> slice = _bytes.Slice(_position, count);
        _position += count;
        return slice;
    }
}
