using System.Buffers.Binary;
using System.Text;
using DarkPool.Protocol.Internal;

namespace DarkPool.Protocol.Accounts;

/// <summary>
/// An account: the 20-byte Ethereum address of its secp256k1 key (the last 20 bytes of Keccak-256 over the public
/// key's X||Y), so that the account that trades is the address that deposits and withdraws on chain. Held by value;
/// printed with the EIP-55 mixed-case checksum.
/// </summary>
public readonly struct AccountAddress : IEquatable<AccountAddress>, IComparable<AccountAddress>
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 20;

    private readonly ulong _high;
    private readonly ulong _middle;
    private readonly uint _low;

    private AccountAddress(ulong high, ulong middle, uint low)
    {
        _high = high;
        _middle = middle;
        _low = low;
    }

    /// <summary>Whether this is the zero address, which no key has.</summary>
    public bool IsZero => (_high | _middle | _low) == 0;

    /// <summary>Reads exactly 20 bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 20 bytes long.</exception>
    public static AccountAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"An address is {Size} bytes.", nameof(bytes));
        }

        return new AccountAddress(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]));
    }

    /// <summary>
    /// The address of a secp256k1 public key in SEC1 uncompressed form (0x04 || X || Y, 65 bytes). The point itself is
    /// not validated here: the handshake verifier imports it before it trusts it.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not 65 bytes starting with 0x04.</exception>
    public static AccountAddress FromPublicKey(ReadOnlySpan<byte> uncompressedPublicKey)
    {
        if (uncompressedPublicKey.Length != AccountKeys.PublicKeySize || uncompressedPublicKey[0] != 0x04)
        {
            throw new ArgumentException("A public key is 0x04 || X || Y (65 bytes).", nameof(uncompressedPublicKey));
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashSize];
        Keccak256.Hash(uncompressedPublicKey[1..], hash);
        return FromBytes(hash[12..]);
    }

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
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <inheritdoc/>
    public bool Equals(AccountAddress other) => _high == other._high && _middle == other._middle && _low == other._low;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AccountAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_high, _middle, _low);

    /// <summary>Byte-wise order, the same as comparing the 20 bytes.</summary>
    public int CompareTo(AccountAddress other)
    {
        int c = _high.CompareTo(other._high);
        return c != 0 ? c : (c = _middle.CompareTo(other._middle)) != 0 ? c : _low.CompareTo(other._low);
    }

    /// <summary>EIP-55: hex digit i is upper case when nibble i of Keccak-256(lower-case hex) is 8 or more.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        string lower = Convert.ToHexStringLower(bytes);
        Span<byte> hash = stackalloc byte[Keccak256.HashSize];
        Keccak256.Hash(Encoding.ASCII.GetBytes(lower), hash);
        var text = new StringBuilder("0x", 2 + (2 * Size));
        for (int i = 0; i < lower.Length; i++)
        {
            int nibble = (i & 1) == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
            text.Append(nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i]);
        }

        return text.ToString();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(AccountAddress left, AccountAddress right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(AccountAddress left, AccountAddress right) => !left.Equals(right);

    /// <summary>Byte-wise order.</summary>
    public static bool operator <(AccountAddress left, AccountAddress right) => left.CompareTo(right) < 0;

    /// <summary>Byte-wise order.</summary>
    public static bool operator >(AccountAddress left, AccountAddress right) => left.CompareTo(right) > 0;

    /// <summary>Byte-wise order.</summary>
    public static bool operator <=(AccountAddress left, AccountAddress right) => left.CompareTo(right) <= 0;

    /// <summary>Byte-wise order.</summary>
    public static bool operator >=(AccountAddress left, AccountAddress right) => left.CompareTo(right) >= 0;
}
