namespace DarkPool.Protocol.Accounts;

/// <summary>
/// The trader's account key as the handshake needs it: its public key and a signature over one 32-byte digest.
/// <see cref="Secp256k1AccountKey"/> implements it with the platform's OpenSSL; a wallet, a hardware key or another
/// library (where the platform has no secp256k1, as on macOS) can implement it too.
/// </summary>
public interface IAccountSigner
{
    /// <summary>The secp256k1 public key, 0x04 || X || Y (65 bytes).</summary>
    ReadOnlySpan<byte> PublicKey { get; }

    /// <summary>Signs a 32-byte digest as it is (no further hashing) and writes r || s (64 bytes, big-endian).</summary>
    void SignDigest(ReadOnlySpan<byte> digest, Span<byte> signature);
}
