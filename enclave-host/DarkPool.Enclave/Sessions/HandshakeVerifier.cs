using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Enclave.Sessions;

/// <summary>
/// Checks a client's handshake message against this enclave's key-agreement key and the quotes it issued, and derives
/// the session keys. Pure apart from reading the registry: it opens no session (the session table does, from the
/// journaled <see cref="VerifiedHandshake"/>), so it may run on any thread, before journaling.
/// </summary>
/// <remarks>
/// Order of checks, each with its own <see cref="HandshakeReject"/>: framing; quote hash known; account key on
/// secp256k1; ephemeral key on P-256 (by the key agreement itself); signature over the transcript this enclave builds
/// from its own key; then HKDF. Expiry is checked by the table against the journaled time.
/// </remarks>
public sealed class HandshakeVerifier
{
    private readonly EnclaveKeyAgreementKey _key;
    private readonly QuoteRegistry _quotes;

    /// <summary>A verifier for sessions with <paramref name="key"/>, bound to quotes in <paramref name="quotes"/>.</summary>
    public HandshakeVerifier(EnclaveKeyAgreementKey key, QuoteRegistry quotes)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(quotes);
        _key = key;
        _quotes = quotes;
    }

    /// <summary>Verifies a handshake message; on success the result carries the derived keys.</summary>
    public bool TryVerify(ReadOnlySpan<byte> message, [NotNullWhen(true)] out VerifiedHandshake? handshake, out HandshakeReject reject)
    {
        handshake = null;
        if (!HandshakeMessage.TryParse(message, out HandshakeMessage parsed, out reject))
        {
            return false;
        }

        if (!_quotes.Contains(parsed.QuoteHash))
        {
            reject = HandshakeReject.UnknownQuote;
            return false;
        }

        if (!AccountKeys.TryImportPublicKey(parsed.AccountPublicKey, out ECDsa? accountKey))
        {
            reject = HandshakeReject.InvalidAccountKey;
            return false;
        }

        Span<byte> shared = stackalloc byte[KeyAgreement.SharedSecretSize];
        try
        {
            using (accountKey)
            {
                if (!_key.TryDeriveSharedSecret(parsed.EphemeralPublicKey, shared))
                {
                    reject = HandshakeReject.InvalidEphemeralKey;
                    return false;
                }

                Span<byte> transcript = stackalloc byte[HandshakeLayout.Transcript.Size];
                parsed.WriteTranscript(_key.PublicKey, transcript);
                Span<byte> transcriptHash = stackalloc byte[HandshakeLayout.TranscriptHashSize];
                HandshakeTranscript.ComputeHash(transcript, transcriptHash);
                Span<byte> digest = stackalloc byte[HandshakeTranscript.SigningDigestSize];
                HandshakeTranscript.ComputeSigningDigest(transcriptHash, digest);
                if (!AccountKeys.VerifyDigest(accountKey, digest, parsed.Signature))
                {
                    reject = HandshakeReject.BadSignature;
                    return false;
                }

                SessionKeys keys = SessionKeyDerivation.Derive(shared, transcriptHash);
                handshake = new VerifiedHandshake(keys, AccountAddress.FromPublicKey(parsed.AccountPublicKey), parsed.Flags, parsed.ExpiresAtUnixMs);
                return true;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }
}
