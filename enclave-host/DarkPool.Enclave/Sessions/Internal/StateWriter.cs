using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DarkPool.Enclave.Sessions.Internal;

/// <summary>
/// Little-endian fields to an optional buffer writer, every byte also into a SHA-256 (the state hash). Fields are staged
/// in a block and handed to the hash and the output a block at a time: one hash call per field (a native call into
/// OpenSSL each) had made the session table's snapshot run at about 100 MB/s, most of the sequencer's snapshot pause.
/// </summary>
internal sealed class StateWriter : IDisposable
{
    private const int BlockSize = 16 * 1024;
    private readonly IBufferWriter<byte>? _output;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[]? _block = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _used;

    public StateWriter(IBufferWriter<byte>? output) => _output = output;

    public void U8(byte value) => Reserve(1)[0] = value;

    public void U16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void U32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    public void U64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void I64(long value) => U64((ulong)value);

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= BlockSize - _used)
        {
            bytes.CopyTo(Block.AsSpan(_used));
            _used += bytes.Length;
            return;
        }

        Flush();
        if (bytes.Length < BlockSize)
        {
            bytes.CopyTo(Block);
            _used = bytes.Length;
        }
        else
        {
            _hash.AppendData(bytes);
            _output?.Write(bytes);
        }
    }

    /// <summary>The state hash of everything written: the first 8 bytes of the SHA-256, little-endian. Everything written so far reaches the output first.</summary>
    public long Hash()
    {
        Flush();
        Span<byte> digest = stackalloc byte[32];
        _hash.GetCurrentHash(digest);
        return BinaryPrimitives.ReadInt64LittleEndian(digest);
    }

    /// <summary>Zeroes the staging block (the state holds session keys) and returns it.</summary>
    public void Dispose()
    {
        if (_block is { } block)
        {
            _block = null;
            CryptographicOperations.ZeroMemory(block.AsSpan(0, BlockSize));
            ArrayPool<byte>.Shared.Return(block);
        }

        _hash.Dispose();
    }

    private byte[] Block => _block ?? throw new ObjectDisposedException(nameof(StateWriter));

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

    private void Flush()
    {
        if (_used > 0)
        {
            ReadOnlySpan<byte> staged = Block.AsSpan(0, _used);
            _hash.AppendData(staged);
            _output?.Write(staged);
            _used = 0;
        }
    }
}
