using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DarkPool.Enclave.Sessions.Internal;

/// <summary>Little-endian fields to an optional buffer writer, every byte also into a SHA-256 (the state hash).</summary>
internal sealed class StateWriter : IDisposable
{
    private readonly IBufferWriter<byte>? _output;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public StateWriter(IBufferWriter<byte>? output) => _output = output;

    public void U8(byte value) => Bytes([value]);

    public void U16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        Bytes(b);
    }

    public void U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Bytes(b);
    }

    public void U64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Bytes(b);
    }

    public void I64(long value) => U64((ulong)value);

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        _output?.Write(bytes);
    }

    /// <summary>The state hash of everything written: the first 8 bytes of the SHA-256, little-endian.</summary>
    public long Hash()
    {
        Span<byte> digest = stackalloc byte[32];
        _hash.GetCurrentHash(digest);
        return BinaryPrimitives.ReadInt64LittleEndian(digest);
    }

    public void Dispose() => _hash.Dispose();
}
