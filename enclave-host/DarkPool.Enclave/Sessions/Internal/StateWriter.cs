using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using DarkPool.Enclave.Serialization;

namespace DarkPool.Enclave.Sessions.Internal;

/// <summary>
/// Little-endian fields to an optional buffer writer, every byte also into a SHA-256 (the state hash), a block at a
/// time: one hash call per field (a native call into OpenSSL each) had held the session table's snapshot at about
/// 100 MB/s, most of the sequencer's snapshot pause.
/// </summary>
internal sealed class StateWriter(IBufferWriter<byte>? output) : StagedWriter(output)
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The state hash of everything written: the first 8 bytes of the SHA-256, little-endian. Everything written so far reaches the output first.</summary>
    public long Hash()
    {
        Flush();
        Span<byte> digest = stackalloc byte[32];
        _hash.GetCurrentHash(digest);
        return BinaryPrimitives.ReadInt64LittleEndian(digest);
    }

    protected override void OnBlock(ReadOnlySpan<byte> block) => _hash.AppendData(block);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
