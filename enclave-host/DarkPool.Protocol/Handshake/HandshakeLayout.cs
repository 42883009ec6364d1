using DarkPool.Protocol.Accounts;

namespace DarkPool.Protocol.Handshake;

/// <summary>
/// The one descriptor of the handshake's two byte layouts: the message a client sends to open a session and the
/// transcript its account key signs. Integers are little-endian; keys and signatures big-endian as SEC1 and ECDSA
/// define them. Diagrams in docs/PROTOCOL.md.
/// </summary>
public static class HandshakeLayout
{
    /// <summary>The protocol version this descriptor describes.</summary>
    public const byte Version = 1;

    /// <summary>Size of a SHA-256 quote hash.</summary>
    public const int QuoteHashSize = 32;

    /// <summary>Size of the transcript hash (SHA-256).</summary>
    public const int TranscriptHashSize = 32;

    /// <summary>"DPHS": the first four bytes of a handshake message.</summary>
    public static ReadOnlySpan<byte> Magic => "DPHS"u8;

    /// <summary>The transcript's leading label, with its terminating zero byte.</summary>
    public static ReadOnlySpan<byte> TranscriptLabel => "DarkPool.Handshake.v1\0"u8;

    /// <summary>Offsets in the handshake message.</summary>
    public static class Message
    {
        /// <summary>"DPHS".</summary>
        public const int MagicOffset = 0;

        /// <summary>Version, one byte.</summary>
        public const int VersionOffset = 4;

        /// <summary>Three reserved bytes, zero.</summary>
        public const int ReservedOffset = 5;

        /// <summary>SHA-256 of the quote the client verified.</summary>
        public const int QuoteHashOffset = 8;

        /// <summary>The client's ephemeral P-256 public key.</summary>
        public const int EphemeralKeyOffset = QuoteHashOffset + QuoteHashSize;

        /// <summary>The account's secp256k1 public key.</summary>
        public const int AccountKeyOffset = EphemeralKeyOffset + KeyAgreement.PublicKeySize;

        /// <summary>Expiry of the handshake, Unix milliseconds, i64.</summary>
        public const int ExpiresAtOffset = AccountKeyOffset + AccountKeys.PublicKeySize;

        /// <summary><see cref="SessionFlags"/>, u32.</summary>
        public const int FlagsOffset = ExpiresAtOffset + 8;

        /// <summary>The account key's signature r || s over the transcript's signing digest.</summary>
        public const int SignatureOffset = FlagsOffset + 4;

        /// <summary>Total size: 246 bytes.</summary>
        public const int Size = SignatureOffset + AccountKeys.SignatureSize;
    }

    /// <summary>Offsets in the transcript.</summary>
    public static class Transcript
    {
        /// <summary>The enclave's attested key-agreement public key (P-256), as bound into the quote's REPORTDATA.</summary>
        public const int EnclaveKeyOffset = 22;

        /// <summary>SHA-256 of the quote.</summary>
        public const int QuoteHashOffset = EnclaveKeyOffset + KeyAgreement.PublicKeySize;

        /// <summary>The client's ephemeral P-256 public key.</summary>
        public const int EphemeralKeyOffset = QuoteHashOffset + QuoteHashSize;

        /// <summary>The account's secp256k1 public key.</summary>
        public const int AccountKeyOffset = EphemeralKeyOffset + KeyAgreement.PublicKeySize;

        /// <summary>Expiry, Unix milliseconds, i64.</summary>
        public const int ExpiresAtOffset = AccountKeyOffset + AccountKeys.PublicKeySize;

        /// <summary><see cref="SessionFlags"/>, u32.</summary>
        public const int FlagsOffset = ExpiresAtOffset + 8;

        /// <summary>Total size: 261 bytes.</summary>
        public const int Size = FlagsOffset + 4;
    }

    /// <summary>Size of a handshake message.</summary>
    public const int MessageSize = Message.Size;
}
