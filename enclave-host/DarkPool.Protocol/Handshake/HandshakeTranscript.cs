using System.Buffers.Binary;
using System.Security.Cryptography;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Internal;

namespace DarkPool.Protocol.Handshake;

/// <summary>
/// What the account key signs to open a session: the enclave's attested key-agreement key and the quote it came in
/// (so the session is bound to the evidence the client verified), the client's ephemeral key, the account key, the
/// expiry and the flags. The account signs <see cref="ComputeSigningDigest"/>: the EIP-191 "personal message" digest
/// of the transcript's SHA-256, so that an Ethereum wallet can sign a handshake as it is.
/// </summary>
public static class HandshakeTranscript
{
    /// <summary>Size of the digest the account key signs.</summary>
    public const int SigningDigestSize = 32;

    /// <summary>EIP-191 version 0x45 prefix for a 32-byte message.</summary>
    public static ReadOnlySpan<byte> PersonalMessagePrefix => "\u0019Ethereum Signed Message:\n32"u8;

    /// <summary>Writes the <see cref="HandshakeLayout.Transcript.Size"/>-byte transcript.</summary>
    /// <exception cref="ArgumentException">A field has the wrong size.</exception>
    public static void Write(
        ReadOnlySpan<byte> enclaveKeyAgreementKey,
        ReadOnlySpan<byte> quoteHash,
        ReadOnlySpan<byte> ephemeralPublicKey,
        ReadOnlySpan<byte> accountPublicKey,
        long expiresAtUnixMs,
        SessionFlags flags,
        Span<byte> transcript)
    {
        if (enclaveKeyAgreementKey.Length != KeyAgreement.PublicKeySize
            || quoteHash.Length != HandshakeLayout.QuoteHashSize
            || ephemeralPublicKey.Length != KeyAgreement.PublicKeySize
            || accountPublicKey.Length != AccountKeys.PublicKeySize
            || transcript.Length < HandshakeLayout.Transcript.Size)
        {
            throw new ArgumentException("A transcript field has the wrong size (see HandshakeLayout).", nameof(transcript));
        }

        HandshakeLayout.TranscriptLabel.CopyTo(transcript);
        enclaveKeyAgreementKey.CopyTo(transcript[HandshakeLayout.Transcript.EnclaveKeyOffset..]);
        quoteHash.CopyTo(transcript[HandshakeLayout.Transcript.QuoteHashOffset..]);
        ephemeralPublicKey.CopyTo(transcript[HandshakeLayout.Transcript.EphemeralKeyOffset..]);
        accountPublicKey.CopyTo(transcript[HandshakeLayout.Transcript.AccountKeyOffset..]);
        BinaryPrimitives.WriteInt64LittleEndian(transcript[HandshakeLayout.Transcript.ExpiresAtOffset..], expiresAtUnixMs);
        BinaryPrimitives.WriteUInt32LittleEndian(transcript[HandshakeLayout.Transcript.FlagsOffset..], (uint)flags);
    }

    /// <summary>Writes SHA-256 of the transcript: the HKDF salt and the message whose digest is signed.</summary>
    public static void ComputeHash(ReadOnlySpan<byte> transcript, Span<byte> transcriptHash)
    {
        if (transcript.Length != HandshakeLayout.Transcript.Size)
        {
            throw new ArgumentException($"A transcript is {HandshakeLayout.Transcript.Size} bytes.", nameof(transcript));
        }

        SHA256.HashData(transcript, transcriptHash);
    }

    /// <summary>Writes Keccak-256("\x19Ethereum Signed Message:\n32" || transcript hash): the digest the account signs.</summary>
    public static void ComputeSigningDigest(ReadOnlySpan<byte> transcriptHash, Span<byte> digest)
    {
        if (transcriptHash.Length != HandshakeLayout.TranscriptHashSize)
        {
            throw new ArgumentException($"A transcript hash is {HandshakeLayout.TranscriptHashSize} bytes.", nameof(transcriptHash));
        }

        Span<byte> message = stackalloc byte[PersonalMessagePrefix.Length + HandshakeLayout.TranscriptHashSize];
        PersonalMessagePrefix.CopyTo(message);
        transcriptHash.CopyTo(message[PersonalMessagePrefix.Length..]);
        Keccak256.Hash(message, digest);
    }
}
