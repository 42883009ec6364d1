using System.Buffers;
using System.Security.Cryptography;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages;

namespace DarkPool.Protocol.Tests.Support;

/// <summary>
/// The enclave's half of a session written from the protocol's parts alone (the real one is the enclave's session
/// table): derive the keys from a handshake message with the enclave's private key, and seal responses or open
/// requests with them. A second implementation the client session must agree with.
/// </summary>
internal sealed class EnclaveSide : IDisposable
{
    private readonly AesGcm _seal;
    private readonly AesGcm _open;

    public EnclaveSide(ECDiffieHellman enclaveKey, ReadOnlySpan<byte> handshakeMessage)
    {
        Assert.True(HandshakeMessage.TryParse(handshakeMessage, out HandshakeMessage message, out _));
        byte[] enclavePublic = KeyAgreement.ExportPublicKey(enclaveKey);
        var transcript = new byte[HandshakeLayout.Transcript.Size];
        message.WriteTranscript(enclavePublic, transcript);
        var transcriptHash = new byte[32];
        HandshakeTranscript.ComputeHash(transcript, transcriptHash);
        var shared = new byte[32];
        Assert.True(KeyAgreement.TryDeriveSharedSecret(enclaveKey, message.EphemeralPublicKey, shared));
        Keys = SessionKeyDerivation.Derive(shared, transcriptHash);
        _seal = new AesGcm(Keys.EnclaveToClient, EnvelopeLayout.TagSize);
        _open = new AesGcm(Keys.ClientToEnclave, EnvelopeLayout.TagSize);
    }

    public SessionKeys Keys { get; }

    public AesGcm RequestKey => _open;

    public AesGcm ResponseKey => _seal;

    public byte[] SealResponse<T>(ulong sequence, ulong requestId, in T body)
        where T : struct, IResponseBody<T>
    {
        var message = new ArrayBufferWriter<byte>();
        ResponseCodec.Write(message, requestId, 1_767_225_600_123, body);
        return SealRaw(EnvelopeKind.Response, sequence, message.WrittenSpan, _seal);
    }

    public byte[] SealRaw(EnvelopeKind kind, ulong sequence, ReadOnlySpan<byte> message, AesGcm key, EnvelopeSizeClass sizeClass = EnvelopeSizeClass.Standard)
    {
        var envelope = new byte[EnvelopeLayout.EnvelopeSize(sizeClass)];
        var nonce = new byte[EnvelopeLayout.NonceSize];
        EnvelopeLayout.WriteNonce(sequence, nonce);
        EnvelopeCipher.Seal(key, new EnvelopeHeader(kind, sizeClass, Keys.SessionId, sequence), nonce, message, envelope);
        return envelope;
    }

    /// <summary>Encrypts an arbitrary padded plaintext (for bad-padding cases) under a valid header.</summary>
    public byte[] SealPlaintext(EnvelopeKind kind, ulong sequence, byte[] plaintext, AesGcm key)
    {
        var sizeClass = plaintext.Length == EnvelopeLayout.BulkPlaintextSize ? EnvelopeSizeClass.Bulk : EnvelopeSizeClass.Standard;
        var envelope = new byte[EnvelopeLayout.EnvelopeSize(sizeClass)];
        var nonce = new byte[EnvelopeLayout.NonceSize];
        EnvelopeLayout.WriteNonce(sequence, nonce);
        new EnvelopeHeader(kind, sizeClass, Keys.SessionId, sequence).WriteTo(nonce, envelope);
        key.Encrypt(nonce, plaintext, envelope.AsSpan(EnvelopeLayout.HeaderSize, plaintext.Length), envelope.AsSpan(EnvelopeLayout.HeaderSize + plaintext.Length), envelope.AsSpan(0, EnvelopeLayout.HeaderSize));
        return envelope;
    }

    public bool TryOpenRequest(ReadOnlySpan<byte> envelope, out DecodedRequest request)
    {
        request = default;
        var plaintext = new byte[EnvelopeLayout.MaxEnvelopeSize];
        return EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out _)
            && EnvelopeCipher.TryOpen(_open, header, envelope, plaintext, out int length, out _)
            && RequestCodec.TryRead(plaintext.AsMemory(Padding.MessageOffset, length), out request);
    }

    public void Dispose()
    {
        _seal.Dispose();
        _open.Dispose();
    }
}
