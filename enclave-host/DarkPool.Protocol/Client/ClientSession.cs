using System.Buffers;
using System.Security.Cryptography;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Internal;
using DarkPool.Protocol.Messages;

namespace DarkPool.Protocol.Client;

/// <summary>
/// The client's side of a session: it makes the handshake message, derives the keys, seals requests with increasing
/// sequence numbers and opens the enclave's responses and events strictly in order. Create it only after the quote
/// was verified: the enclave key and quote hash passed in are what the account signs. Not thread-safe: one sender
/// seals in the order it sends. See docs/PROTOCOL.md.
/// </summary>
public sealed partial class ClientSession : IDisposable
{
    private readonly SessionKeys _keys;
    private readonly Aes256Gcm _sealKey;
    private readonly Aes256Gcm _openKey;
    private readonly byte[] _handshake;
    private readonly byte[] _plaintext = new byte[EnvelopeLayout.MaxEnvelopeSize];
    private readonly ArrayBufferWriter<byte> _message = new(EnvelopeLayout.StandardPlaintextSize);
    private ulong _sealCounter;
    private bool _disposed;

    private ClientSession(SessionKeys keys, byte[] handshake, AccountAddress account, SessionFlags flags)
    {
        _keys = keys;
        _handshake = handshake;
        // The managed AES-GCM the enclave uses (OpenSSL's AesGcm where the CPU lacks AES-NI): same bytes, about a
        // microsecond less per envelope than .NET's AesGcm through OpenSSL.
        _sealKey = new Aes256Gcm(keys.ClientToEnclave);
        _openKey = new Aes256Gcm(keys.EnclaveToClient);
        Account = account;
        Flags = flags;
    }

    /// <summary>The session id both sides derived.</summary>
    public SessionId SessionId => _keys.SessionId;

    /// <summary>The account that signed the handshake.</summary>
    public AccountAddress Account { get; }

    /// <summary>The options signed into the handshake.</summary>
    public SessionFlags Flags { get; }

    /// <summary>The <see cref="HandshakeLayout.MessageSize"/>-byte message to send to open the session.</summary>
    public ReadOnlySpan<byte> HandshakeMessage => _handshake;

    /// <summary>The sequence number the next sealed request gets (the first is 1).</summary>
    public ulong NextRequestSequence { get; private set; } = 1;

    /// <summary>The sequence number the next response must have (the first is 1).</summary>
    public ulong NextResponseSequence { get; private set; } = 1;

    /// <summary>
    /// Opens a session with a fresh ephemeral key: signs the transcript with <paramref name="account"/> and derives
    /// the keys. <paramref name="enclaveKeyAgreementKey"/> and <paramref name="quoteHash"/> come from the verified quote.
    /// </summary>
    /// <exception cref="ArgumentException">The enclave key is not a P-256 point, or a size is wrong.</exception>
    public static ClientSession Create(
        ReadOnlySpan<byte> enclaveKeyAgreementKey,
        ReadOnlySpan<byte> quoteHash,
        IAccountSigner account,
        long handshakeExpiresAtUnixMs,
        SessionFlags flags = SessionFlags.None)
    {
        using ECDiffieHellman ephemeral = KeyAgreement.Generate();
        return Create(enclaveKeyAgreementKey, quoteHash, account, handshakeExpiresAtUnixMs, flags, ephemeral);
    }

    /// <summary>
    /// Opens a session with a given ephemeral key. Only for test vectors and interoperability tests: an ephemeral key
    /// must never be used twice.
    /// </summary>
    /// <exception cref="ArgumentException">A key is not a P-256 point, or a size is wrong.</exception>
    public static ClientSession Create(
        ReadOnlySpan<byte> enclaveKeyAgreementKey,
        ReadOnlySpan<byte> quoteHash,
        IAccountSigner account,
        long handshakeExpiresAtUnixMs,
        SessionFlags flags,
        ECDiffieHellman ephemeralKey)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(ephemeralKey);
        if (quoteHash.Length != HandshakeLayout.QuoteHashSize)
        {
            throw new ArgumentException($"A quote hash is {HandshakeLayout.QuoteHashSize} bytes.", nameof(quoteHash));
        }

        if ((flags & ~SessionFlags.CancelOnDisconnect) != 0)
        {
            throw new ArgumentException("Unknown session flags.", nameof(flags));
        }

        Span<byte> ephemeralPublic = stackalloc byte[KeyAgreement.PublicKeySize];
        KeyAgreement.ExportPublicKey(ephemeralKey, ephemeralPublic);
        Span<byte> shared = stackalloc byte[KeyAgreement.SharedSecretSize];
        if (!KeyAgreement.TryDeriveSharedSecret(ephemeralKey, enclaveKeyAgreementKey, shared))
        {
            throw new ArgumentException("The enclave key-agreement key is not a P-256 point.", nameof(enclaveKeyAgreementKey));
        }

        try
        {
            Span<byte> transcript = stackalloc byte[HandshakeLayout.Transcript.Size];
            HandshakeTranscript.Write(enclaveKeyAgreementKey, quoteHash, ephemeralPublic, account.PublicKey, handshakeExpiresAtUnixMs, flags, transcript);
            Span<byte> transcriptHash = stackalloc byte[HandshakeLayout.TranscriptHashSize];
            HandshakeTranscript.ComputeHash(transcript, transcriptHash);
            Span<byte> digest = stackalloc byte[HandshakeTranscript.SigningDigestSize];
            HandshakeTranscript.ComputeSigningDigest(transcriptHash, digest);
            Span<byte> signature = stackalloc byte[AccountKeys.SignatureSize];
            account.SignDigest(digest, signature);

            var message = new byte[HandshakeLayout.MessageSize];
            Handshake.HandshakeMessage.Write(quoteHash, ephemeralPublic, account.PublicKey, handshakeExpiresAtUnixMs, flags, signature, message);
            SessionKeys keys = SessionKeyDerivation.Derive(shared, transcriptHash);
            return new ClientSession(keys, message, AccountAddress.FromPublicKey(account.PublicKey), flags);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    /// <summary>
    /// Seals a request into <paramref name="destination"/> (at least <see cref="EnvelopeLayout.StandardEnvelopeSize"/>
    /// bytes; <see cref="EnvelopeLayout.BulkEnvelopeSize"/> for a batch) with the next sequence number and returns the
    /// envelope's length, the same for every request of a size class (<see cref="RequestCodec.SizeClassOf"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The request id is 0, the body is not well formed, or the destination is too small.</exception>
    public int SealRequest<T>(ulong clientRequestId, long expiresAtUnixMs, in T body, Span<byte> destination)
        where T : struct, IRequestBody<T>
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _message.ResetWrittenCount();
        RequestCodec.Write(_message, clientRequestId, expiresAtUnixMs, body);
        var header = new EnvelopeHeader(EnvelopeKind.Request, RequestCodec.SizeClassOf(T.Kind), SessionId, NextRequestSequence);
        Span<byte> nonce = stackalloc byte[EnvelopeLayout.NonceSize];
        EnvelopeLayout.WriteNonce(++_sealCounter, nonce);
        int written = EnvelopeCipher.Seal(_sealKey, header, nonce, _message.WrittenSpan, destination);
        NextRequestSequence++;
        return written;
    }

    /// <summary>
    /// Moves the request sequence back to <paramref name="nextSequence"/>, after the enclave refused envelopes from
    /// that one on without consuming them (expired, gap, busy): the next request is sealed with it. Nonces never
    /// repeat, so sealing a different request under a sequence number used before is safe.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">It is 0 or ahead of <see cref="NextRequestSequence"/>.</exception>
    public void RewindRequestSequence(ulong nextSequence)
    {
        if (nextSequence == 0 || nextSequence > NextRequestSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(nextSequence), "Only back, and never to 0.");
        }

        NextRequestSequence = nextSequence;
    }

    /// <summary>Forgets the keys.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _sealKey.Dispose();
        _openKey.Dispose();
        _keys.Clear();
        CryptographicOperations.ZeroMemory(_plaintext);
    }

    /// <summary>The session id and account only.</summary>
    public override string ToString() => $"session {SessionId} of {Account}";
}
