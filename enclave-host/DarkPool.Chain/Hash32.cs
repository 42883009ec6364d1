using System.Buffers.Binary;

namespace DarkPool.Chain;

/// <summary>A 32-byte hash or word (Solidity <c>bytes32</c>), held by value as four big-endian words.</summary>
public readonly struct Hash32 : IEquatable<Hash32>
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private Hash32(ulong a, ulong b, ulong c, ulong d)
    {
        _a = a;
        _b = b;
        _c = c;
        _d = d;
    }

    /// <summary>All zero bytes: the hash before the first deposit and before the first batch.</summary>
    public static Hash32 Zero => default;

    /// <summary>Whether every byte is zero.</summary>
    public bool IsZero => (_a | _b | _c | _d) == 0;

    /// <summary>Reads 32 bytes; throws if <paramref name="bytes"/> is not exactly 32 bytes long.</summary>
    public static Hash32 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A hash is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new Hash32(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    /// <summary>Parses <c>0x</c> followed by 64 hex digits.</summary>
    public static Hash32 Parse(string text) => FromBytes(Internal.Hex.Decode(text, Size));

    /// <summary>Writes the 32 bytes to the start of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>The 32 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        byte[] bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <inheritdoc/>
    public bool Equals(Hash32 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    /// <summary><c>0x</c> and 64 lower-case hex digits.</summary>
    public override string ToString() => Internal.Hex.Encode(ToArray());

    /// <summary>Value equality.</summary>
    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);
}
