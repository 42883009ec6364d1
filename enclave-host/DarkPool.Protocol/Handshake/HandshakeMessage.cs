using System.Buffers.Binary;
using DarkPool.Protocol.Accounts;
using L = DarkPool.Protocol.Handshake.HandshakeLayout.Message;

namespace DarkPool.Protocol.Handshake;

/// <summary>
/// A parsed view of the <see cref="HandshakeLayout.MessageSize"/>-byte message a client sends to open a session. Parsing
/// checks the framing only; the points and the signature are the verifier's to check.
/// </summary>
public readonly ref struct HandshakeMessage
{
    private readonly ReadOnlySpan<byte> _bytes;

    private HandshakeMessage(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>SHA-256 of the quote the client verified.</summary>
    public ReadOnlySpan<byte> QuoteHash => _bytes.Slice(L.QuoteHashOffset, HandshakeLayout.QuoteHashSize);

    /// <summary>The client's ephemeral P-256 public key (unvalidated).</summary>
    public ReadOnlySpan<byte> EphemeralPublicKey => _bytes.Slice(L.EphemeralKeyOffset, KeyAgreement.PublicKeySize);

    /// <summary>The account's secp256k1 public key (unvalidated).</summary>
    public ReadOnlySpan<byte> AccountPublicKey => _bytes.Slice(L.AccountKeyOffset, AccountKeys.PublicKeySize);

    /// <summary>When the handshake stops being acceptable, Unix milliseconds.</summary>
    public long ExpiresAtUnixMs => BinaryPrimitives.ReadInt64LittleEndian(_bytes[L.ExpiresAtOffset..]);

    /// <summary>The options the client chose.</summary>
    public SessionFlags Flags => (SessionFlags)BinaryPrimitives.ReadUInt32LittleEndian(_bytes[L.FlagsOffset..]);

    /// <summary>The account key's signature r || s (unverified).</summary>
    public ReadOnlySpan<byte> Signature => _bytes.Slice(L.SignatureOffset, AccountKeys.SignatureSize);

    /// <summary>Checks size, magic, version, reserved bytes and flags.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out HandshakeMessage message, out HandshakeReject reject)
    {
        message = default;
        reject = bytes.Length != L.Size ? HandshakeReject.Truncated
            : !bytes[..4].SequenceEqual(HandshakeLayout.Magic) || bytes.Slice(L.ReservedOffset, 3).ContainsAnyExcept((byte)0) ? HandshakeReject.Malformed
            : bytes[L.VersionOffset] != HandshakeLayout.Version ? HandshakeReject.UnsupportedVersion
            : (BinaryPrimitives.ReadUInt32LittleEndian(bytes[L.FlagsOffset..]) & ~(uint)SessionFlags.CancelOnDisconnect) != 0 ? HandshakeReject.UnknownFlags
            : HandshakeReject.None;
        if (reject != HandshakeReject.None)
        {
            return false;
        }

        message = new HandshakeMessage(bytes);
        return true;
    }

    /// <summary>Writes a handshake message; the caller signed the transcript of the same fields.</summary>
    /// <exception cref="ArgumentException">A field has the wrong size.</exception>
    public static void Write(
        ReadOnlySpan<byte> quoteHash,
        ReadOnlySpan<byte> ephemeralPublicKey,
        ReadOnlySpan<byte> accountPublicKey,
        long expiresAtUnixMs,
        SessionFlags flags,
        ReadOnlySpan<byte> signature,
        Span<byte> destination)
    {
        if (quoteHash.Length != HandshakeLayout.QuoteHashSize
            || ephemeralPublicKey.Length != KeyAgreement.PublicKeySize
            || accountPublicKey.Length != AccountKeys.PublicKeySize
            || signature.Length != AccountKeys.SignatureSize
            || destination.Length < L.Size)
        {
            throw new ArgumentException("A handshake field has the wrong size (see HandshakeLayout).", nameof(destination));
        }

        HandshakeLayout.Magic.CopyTo(destination);
        destination[L.VersionOffset] = HandshakeLayout.Version;
        destination.Slice(L.ReservedOffset, 3).Clear();
        quoteHash.CopyTo(destination[L.QuoteHashOffset..]);
        ephemeralPublicKey.CopyTo(destination[L.EphemeralKeyOffset..]);
        accountPublicKey.CopyTo(destination[L.AccountKeyOffset..]);
        BinaryPrimitives.WriteInt64LittleEndian(destination[L.ExpiresAtOffset..], expiresAtUnixMs);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[L.FlagsOffset..], (uint)flags);
        signature.CopyTo(destination[L.SignatureOffset..]);
    }

    /// <summary>Writes the transcript these fields make with the enclave's key-agreement key.</summary>
    public void WriteTranscript(ReadOnlySpan<byte> enclaveKeyAgreementKey, Span<byte> transcript) =>
        HandshakeTranscript.Write(enclaveKeyAgreementKey, QuoteHash, EphemeralPublicKey, AccountPublicKey, ExpiresAtUnixMs, Flags, transcript);
}
