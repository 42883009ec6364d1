using System.Security.Cryptography;
using DarkPool.Protocol.Internal;

namespace DarkPool.Protocol.Envelopes;

/// <summary>
/// AES-256-GCM over envelopes: the header (all 40 bytes, so session id, sequence and nonce) is the associated data, the
/// padded plaintext is the ciphertext, the 16-byte tag follows it. Stateless: sequence rules live with the caller
/// (<c>ClientSession</c> on the client, the session table in the enclave). Allocation-free.
/// </summary>
public static class EnvelopeCipher
{
    /// <summary>
    /// Writes a whole envelope for <paramref name="header"/> into <paramref name="destination"/>: header, then
    /// <paramref name="message"/> padded to the size class and encrypted in place, then the tag. Returns its length.
    /// </summary>
    /// <exception cref="ArgumentException">The message does not fit the size class or the destination is too small.</exception>
    public static int Seal(AesGcm key, in EnvelopeHeader header, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        int size = Frame(header, nonce, message, destination, out Span<byte> iv, out Span<byte> body, out Span<byte> tag, out Span<byte> associated);
        key.Encrypt(iv, body, body, tag, associated);
        return size;
    }

    /// <summary>As the public <c>Seal</c>, on the managed <see cref="Aes256Gcm"/> (the enclave and the client session use it): the same bytes.</summary>
    internal static int Seal(Aes256Gcm key, in EnvelopeHeader header, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        int size = Frame(header, nonce, message, destination, out Span<byte> iv, out Span<byte> body, out Span<byte> tag, out Span<byte> associated);
        key.Encrypt(iv, body, body, tag, associated);
        return size;
    }

    /// <summary><see cref="Frame(in EnvelopeHeader, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>, and the four parts of the envelope the cipher takes.</summary>
    private static int Frame(
        in EnvelopeHeader header, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message, Span<byte> destination,
        out Span<byte> iv, out Span<byte> body, out Span<byte> tag, out Span<byte> associated)
    {
        int size = Frame(header, nonce, message, destination);
        int plaintextSize = size - EnvelopeLayout.HeaderSize - EnvelopeLayout.TagSize;
        iv = destination.Slice(EnvelopeLayout.NonceOffset, EnvelopeLayout.NonceSize);
        body = destination.Slice(EnvelopeLayout.CiphertextOffset, plaintextSize);
        tag = destination.Slice(EnvelopeLayout.CiphertextOffset + plaintextSize, EnvelopeLayout.TagSize);
        associated = destination[..EnvelopeLayout.HeaderSize];
        return size;
    }

    /// <summary>
    /// The cipher-independent half of sealing: writes the header and <paramref name="message"/> padded to the size class,
    /// ready to be encrypted in place between the header and the tag, and returns the envelope's length. For a sealer
    /// on another AES-GCM implementation (the enclave's) that must produce the same bytes.
    /// </summary>
    /// <exception cref="ArgumentException">The message does not fit the size class or the destination is too small.</exception>
    public static int Frame(in EnvelopeHeader header, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        int plaintextSize = EnvelopeLayout.PlaintextSize(header.SizeClass);
        int size = EnvelopeLayout.HeaderSize + plaintextSize + EnvelopeLayout.TagSize;
        if (destination.Length < size)
        {
            throw new ArgumentException($"An envelope needs {size} bytes.", nameof(destination));
        }

        header.WriteTo(nonce, destination);
        Padding.Pad(message, destination.Slice(EnvelopeLayout.CiphertextOffset, plaintextSize));
        return size;
    }

    /// <summary>
    /// The plaintext size of an envelope whose header was parsed; throws when the envelope's length does not match its
    /// header or <paramref name="plaintext"/> is too small (the cipher-independent check before opening).
    /// </summary>
    /// <exception cref="ArgumentException">The envelope does not match its header, or the plaintext buffer is too small.</exception>
    public static int CheckOpenable(in EnvelopeHeader header, ReadOnlySpan<byte> envelope, Span<byte> plaintext)
    {
        int plaintextSize = EnvelopeLayout.PlaintextSize(header.SizeClass);
        if (envelope.Length != EnvelopeLayout.HeaderSize + plaintextSize + EnvelopeLayout.TagSize || plaintext.Length < plaintextSize)
        {
            throw new ArgumentException("The envelope does not match its header, or the plaintext buffer is too small.", nameof(envelope));
        }

        return plaintextSize;
    }

    /// <summary>
    /// Authenticates and decrypts an envelope whose header was parsed, into <paramref name="plaintext"/> (at least the
    /// size class's plaintext size), and checks the padding. On success the MessagePack message is the
    /// <paramref name="messageLength"/> bytes at <see cref="Padding.MessageOffset"/> in <paramref name="plaintext"/>.
    /// On failure the plaintext buffer is cleared.
    /// </summary>
    public static bool TryOpen(AesGcm key, in EnvelopeHeader header, ReadOnlySpan<byte> envelope, Span<byte> plaintext, out int messageLength, out EnvelopeReject reject)
    {
        messageLength = 0;
        return TryDecrypt(key, header, envelope, plaintext, out reject) && TryUnpad(header, plaintext, out messageLength, out reject);
    }

    /// <summary>As the public <c>TryOpen</c>, on the managed <see cref="Aes256Gcm"/>.</summary>
    internal static bool TryOpen(Aes256Gcm key, in EnvelopeHeader header, ReadOnlySpan<byte> envelope, Span<byte> plaintext, out int messageLength, out EnvelopeReject reject)
    {
        messageLength = 0;
        return TryDecrypt(key, header, envelope, plaintext, out reject) && TryUnpad(header, plaintext, out messageLength, out reject);
    }

    /// <summary>The padding check after a successful decryption; clears the plaintext when it fails.</summary>
    private static bool TryUnpad(in EnvelopeHeader header, Span<byte> plaintext, out int messageLength, out EnvelopeReject reject)
    {
        Span<byte> body = plaintext[..EnvelopeLayout.PlaintextSize(header.SizeClass)];
        if (!Padding.TryUnpad(body, out messageLength))
        {
            body.Clear();
            reject = EnvelopeReject.BadPadding;
            return false;
        }

        reject = EnvelopeReject.None;
        return true;
    }

    /// <summary>
    /// Authenticates and decrypts only (no padding check), for a receiver that checks its sequence rules between the
    /// two. On failure the plaintext buffer is cleared and the reason is <see cref="EnvelopeReject.AuthenticationFailed"/>.
    /// </summary>
    public static bool TryDecrypt(AesGcm key, in EnvelopeHeader header, ReadOnlySpan<byte> envelope, Span<byte> plaintext, out EnvelopeReject reject)
    {
        ArgumentNullException.ThrowIfNull(key);
        int plaintextSize = CheckOpenable(header, envelope, plaintext);
        Span<byte> body = plaintext[..plaintextSize];
        try
        {
            key.Decrypt(
                envelope.Slice(EnvelopeLayout.NonceOffset, EnvelopeLayout.NonceSize),
                envelope.Slice(EnvelopeLayout.CiphertextOffset, plaintextSize),
                envelope.Slice(EnvelopeLayout.CiphertextOffset + plaintextSize, EnvelopeLayout.TagSize),
                body,
                envelope[..EnvelopeLayout.HeaderSize]);
        }
        catch (AuthenticationTagMismatchException)
        {
            // .NET offers no non-throwing AES-GCM open; the rejection is still a result, not an exception, to callers.
            body.Clear();
            reject = EnvelopeReject.AuthenticationFailed;
            return false;
        }

        reject = EnvelopeReject.None;
        return true;
    }

    /// <summary>As the public <c>TryDecrypt</c>, on the managed <see cref="Aes256Gcm"/>: on failure the plaintext is cleared.</summary>
    internal static bool TryDecrypt(Aes256Gcm key, in EnvelopeHeader header, ReadOnlySpan<byte> envelope, Span<byte> plaintext, out EnvelopeReject reject)
    {
        int plaintextSize = CheckOpenable(header, envelope, plaintext);
        bool authentic = key.TryDecrypt(
            envelope.Slice(EnvelopeLayout.NonceOffset, EnvelopeLayout.NonceSize),
            envelope.Slice(EnvelopeLayout.CiphertextOffset, plaintextSize),
            envelope.Slice(EnvelopeLayout.CiphertextOffset + plaintextSize, EnvelopeLayout.TagSize),
            plaintext[..plaintextSize],
            envelope[..EnvelopeLayout.HeaderSize]);
        reject = authentic ? EnvelopeReject.None : EnvelopeReject.AuthenticationFailed;
        return authentic;
    }

    /// <summary>The tag of an envelope of a known size class (the last 16 bytes).</summary>
    public static ReadOnlySpan<byte> Tag(ReadOnlySpan<byte> envelope) => envelope[^EnvelopeLayout.TagSize..];
}
