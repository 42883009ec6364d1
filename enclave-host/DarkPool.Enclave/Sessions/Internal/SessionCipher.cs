using DarkPool.Enclave.Core.Internal;
using DarkPool.Protocol.Envelopes;

namespace DarkPool.Enclave.Sessions.Internal;

/// <summary>
/// The enclave's side of <see cref="EnvelopeCipher"/>: the same envelope layout (the 40-byte header as associated data,
/// the padded plaintext as ciphertext, the tag after it), on <see cref="Aes256Gcm"/> instead of .NET's AesGcm. Clients
/// keep using <see cref="EnvelopeCipher"/>; the bytes are the same.
/// </summary>
internal static class SessionCipher
{
    /// <summary>As <see cref="EnvelopeCipher.Seal"/>: writes a whole envelope and returns its length.</summary>
    public static int Seal(Aes256Gcm key, in EnvelopeHeader header, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        int size = EnvelopeCipher.Frame(header, nonce, message, destination);
        int plaintextSize = size - EnvelopeLayout.HeaderSize - EnvelopeLayout.TagSize;
        Span<byte> body = destination.Slice(EnvelopeLayout.CiphertextOffset, plaintextSize);
        key.Encrypt(
            destination.Slice(EnvelopeLayout.NonceOffset, EnvelopeLayout.NonceSize),
            body,
            body,
            destination.Slice(EnvelopeLayout.CiphertextOffset + plaintextSize, EnvelopeLayout.TagSize),
            destination[..EnvelopeLayout.HeaderSize]);
        return size;
    }

    /// <summary>As <see cref="EnvelopeCipher.TryDecrypt"/>: authenticates and decrypts only; on failure the plaintext is cleared.</summary>
    public static bool TryDecrypt(Aes256Gcm key, in EnvelopeHeader header, ReadOnlySpan<byte> envelope, Span<byte> plaintext, out EnvelopeReject reject)
    {
        int plaintextSize = EnvelopeCipher.CheckOpenable(header, envelope, plaintext);
        bool authentic = key.TryDecrypt(
            envelope.Slice(EnvelopeLayout.NonceOffset, EnvelopeLayout.NonceSize),
            envelope.Slice(EnvelopeLayout.CiphertextOffset, plaintextSize),
            envelope.Slice(EnvelopeLayout.CiphertextOffset + plaintextSize, EnvelopeLayout.TagSize),
            plaintext[..plaintextSize],
            envelope[..EnvelopeLayout.HeaderSize]);
        reject = authentic ? EnvelopeReject.None : EnvelopeReject.AuthenticationFailed;
        return authentic;
    }
}
