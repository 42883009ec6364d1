using System.Buffers.Binary;

namespace DarkPool.Enclave.Sessions.Internal;

/// <summary>A 32-byte hash held by value, as a set key.</summary>
internal readonly record struct QuoteHash(ulong A, ulong B, ulong C, ulong D)
{
    public const int Size = 32;

    public static QuoteHash From(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != Size)
        {
            throw new ArgumentException($"A quote hash is {Size} bytes.", nameof(hash));
        }

        return new QuoteHash(
            BinaryPrimitives.ReadUInt64LittleEndian(hash),
            BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
    }
}
