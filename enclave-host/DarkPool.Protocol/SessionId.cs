using System.Buffers.Binary;

namespace DarkPool.Protocol;

/// <summary>
/// A session's 16-byte id, derived by both sides from the handshake (see docs/PROTOCOL.md). It travels in the clear
/// in every envelope header, so it is no secret; it names a session, not an account.
/// </summary>
public readonly struct SessionId : IEquatable<SessionId>, IComparable<SessionId>
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 16;

    private readonly ulong _high;
    private readonly ulong _low;

    private SessionId(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>Reads exactly 16 bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 16 bytes long.</exception>
    public static SessionId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A session id is {Size} bytes.", nameof(bytes));
        }

        return new SessionId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>Writes the 16 bytes to the start of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
    }

    /// <summary>The 16 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <inheritdoc/>
    public bool Equals(SessionId other) => _high == other._high && _low == other._low;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SessionId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_high, _low);

    /// <summary>Byte-wise order: the order sessions are written in a snapshot.</summary>
    public int CompareTo(SessionId other)
    {
        int c = _high.CompareTo(other._high);
        return c != 0 ? c : _low.CompareTo(other._low);
    }

    /// <summary>32 lower-case hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(SessionId left, SessionId right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(SessionId left, SessionId right) => !left.Equals(right);

    /// <summary>Byte-wise order.</summary>
    public static bool operator <(SessionId left, SessionId right) => left.CompareTo(right) < 0;

    /// <summary>Byte-wise order.</summary>
    public static bool operator >(SessionId left, SessionId right) => left.CompareTo(right) > 0;

    /// <summary>Byte-wise order.</summary>
    public static bool operator <=(SessionId left, SessionId right) => left.CompareTo(right) <= 0;

    /// <summary>Byte-wise order.</summary>
    public static bool operator >=(SessionId left, SessionId right) => left.CompareTo(right) >= 0;
}
