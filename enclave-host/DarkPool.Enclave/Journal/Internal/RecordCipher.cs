using System.Buffers.Binary;
using DarkPool.Protocol.Internal;
using L = DarkPool.Enclave.Journal.JournalRecordLayout;

namespace DarkPool.Enclave.Journal.Internal;

/// <summary>
/// AES-256-GCM under one segment's key. The nonce is the record's sequence number: a segment key is random, used by
/// one process start only (every start opens a new segment) and never re-encrypts a sequence, so no nonce repeats
/// under a key. The clear header is the associated data. The AES-GCM is <see cref="Aes256Gcm"/>: the same bytes as
/// .NET's AesGcm, without OpenSSL's per-call cost.
/// </summary>
internal sealed class RecordCipher : IDisposable
{
    private readonly Aes256Gcm _aes;

    public RecordCipher(ReadOnlySpan<byte> key)
    {
        _aes = new Aes256Gcm(key);
    }

    /// <summary>Writes the whole frame for <paramref name="payload"/> into <paramref name="frame"/> and returns its length.</summary>
    public int Seal(long sequence, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> payload, Span<byte> frame)
    {
        int length = L.Overhead + payload.Length;
        RecordFrame.WriteHeader(frame, sequence, payload.Length, previousHash);
        Span<byte> nonce = stackalloc byte[L.NonceSize];
        WriteNonce(nonce, sequence);
        _aes.Encrypt(
            nonce,
            payload,
            frame.Slice(L.HeaderSize, payload.Length),
            frame.Slice(L.HeaderSize + payload.Length, L.TagSize),
            frame[..L.HeaderSize]);
        return length;
    }

    /// <summary>
    /// Authenticates a complete frame whose header was already checked and decrypts its payload in place (the clear
    /// header stays). On failure the payload bytes are zeroed.
    /// </summary>
    public bool TryOpenInPlace(Span<byte> frame, long sequence)
    {
        int payloadLength = frame.Length - L.Overhead;
        Span<byte> nonce = stackalloc byte[L.NonceSize];
        WriteNonce(nonce, sequence);
        Span<byte> payload = frame.Slice(L.HeaderSize, payloadLength);
        return _aes.TryDecrypt(nonce, payload, frame.Slice(L.HeaderSize + payloadLength, L.TagSize), payload, frame[..L.HeaderSize]);
    }

    public void Dispose() => _aes.Dispose();

    private static void WriteNonce(Span<byte> nonce, long sequence)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(nonce, (ulong)sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(nonce[sizeof(ulong)..], 0);
    }
}
