using System.Buffers.Binary;
using System.Text;
using DarkPool.Chain.Internal;

namespace DarkPool.Chain;

/// <summary>A 20-byte Ethereum address, held by value; printed with the EIP-55 mixed-case checksum.</summary>
public readonly struct EthAddress : IEquatable<EthAddress>
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 20;

    private readonly ulong _high;
    private readonly ulong _middle;
    private readonly uint _low;

    private EthAddress(ulong high, ulong middle, uint low)
    {
        _high = high;
        _middle = middle;
        _low = low;
    }

    /// <summary>The zero address: never a valid token, account, governance or enclave key.</summary>
    public static EthAddress Zero => default;

    /// <summary>Whether this is the zero address.</summary>
    public bool IsZero => (_high | _middle | _low) == 0;

    /// <summary>Reads 20 bytes; throws if <paramref name="bytes"/> is not exactly 20 bytes long.</summary>
    public static EthAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"An address is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new EthAddress(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]));
    }

    /// <summary>Parses <c>0x</c> followed by 40 hex digits, in any case (the checksum is not required).</summary>
    public static EthAddress Parse(string text) => FromBytes(Hex.Decode(text, Size));

    /// <summary>Writes the 20 bytes to the start of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _middle);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _low);
    }

    /// <summary>The 20 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        byte[] bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <inheritdoc/>
    public bool Equals(EthAddress other) => _high == other._high && _middle == other._middle && _low == other._low;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EthAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_high, _middle, _low);

    /// <summary>EIP-55: hex digit i is upper case when nibble i of keccak256(lower-case hex) is 8 or more.</summary>
    public override string ToString()
    {
        string lower = Hex.Encode(ToArray())[2..];
        Hash32 digest = Keccak.Hash(Encoding.ASCII.GetBytes(lower));
        Span<byte> nibbles = stackalloc byte[Hash32.Size];
        digest.WriteTo(nibbles);
        var text = new StringBuilder("0x", 2 + (2 * Size));
        for (int i = 0; i < lower.Length; i++)
        {
            int nibble = (i & 1) == 0 ? nibbles[i / 2] >> 4 : nibbles[i / 2] & 0xF;
            text.Append(nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i]);
        }

        return text.ToString();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(EthAddress left, EthAddress right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(EthAddress left, EthAddress right) => !left.Equals(right);
}
