using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace DarkPool.Attestation.Identity;

/// <summary>
/// A 32-byte SHA-256 value (MRENCLAVE, MRSIGNER, a file digest), compared by value and printed as lower-case hex.
/// </summary>
public readonly struct Sha256Hash : IEquatable<Sha256Hash>
{
    /// <summary>Size of the value in bytes.</summary>
    public const int Size = 32;

    // Stored as big-endian words so that the word order is the byte order.
    private readonly ulong _w0;
    private readonly ulong _w1;
    private readonly ulong _w2;
    private readonly ulong _w3;

    /// <summary>Takes the value from exactly 32 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public Sha256Hash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A SHA-256 value is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        }

        _w0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _w3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>True for the all-zero value, which no real measurement has.</summary>
    public bool IsZero => (_w0 | _w1 | _w2 | _w3) == 0;

    /// <summary>SHA-256 of <paramref name="data"/>.</summary>
    public static Sha256Hash Compute(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA256.HashData(data, digest);
        return new Sha256Hash(digest);
    }

    /// <summary>Parses 64 hex digits, either case; anything else is refused.</summary>
    public static bool TryParse(string? hex, out Sha256Hash value)
    {
        value = default;
        if (hex is null || hex.Length != Size * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(hex, bytes, out _, out int written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            return false;
        }

        value = new Sha256Hash(bytes);
        return true;
    }

    /// <summary>Writes the 32 bytes to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"Need {Size} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _w3);
    }

    /// <summary>The 32 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>True when the 32 bytes at the start of <paramref name="bytes"/> equal this value.</summary>
    public bool Matches(ReadOnlySpan<byte> bytes) => bytes.Length >= Size && this == new Sha256Hash(bytes[..Size]);

    /// <inheritdoc />
    public bool Equals(Sha256Hash other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Sha256Hash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);

    /// <summary>Lower-case hex, 64 digits, in byte order (as SGX tools print MRENCLAVE).</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(Sha256Hash left, Sha256Hash right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Sha256Hash left, Sha256Hash right) => !left.Equals(right);
}
