using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using DarkPool.Protocol.Accounts;

namespace DarkPool.Protocol.Handshake;

/// <summary>
/// The session key agreement: ECDH on NIST P-256, public keys as SEC1 uncompressed points (0x04 || X || Y, 65 bytes),
/// the shared secret is the X coordinate of the product (32 bytes). P-256 rather than secp256k1 (the account curve):
/// it is in every platform's crypto (WebCrypto, Go's crypto/ecdh, Windows CNG, Apple CryptoKit) and OpenSSL has a
/// constant-time, much faster implementation; and a different curve keeps the attested key-agreement key and the
/// account keys apart. See docs/PROTOCOL.md.
/// </summary>
public static class KeyAgreement
{
    /// <summary>Size of an uncompressed P-256 public key.</summary>
    public const int PublicKeySize = 65;

    /// <summary>Size of a private key scalar.</summary>
    public const int PrivateKeySize = 32;

    /// <summary>Size of the shared secret.</summary>
    public const int SharedSecretSize = 32;

    /// <summary>A fresh P-256 key pair.</summary>
    public static ECDiffieHellman Generate() => ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>A P-256 key from its 32-byte big-endian scalar (for test vectors and for a key unsealed by the enclave).</summary>
    /// <exception cref="ArgumentException">The scalar is not 32 bytes or not a valid P-256 private key.</exception>
    public static ECDiffieHellman FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeySize)
        {
            throw new ArgumentException($"A P-256 private key is {PrivateKeySize} bytes.", nameof(privateKey));
        }

        byte[] d = privateKey.ToArray();
        try
        {
            return ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("Not a valid P-256 private key.", nameof(privateKey), e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    /// <summary>Writes the key's public point as 0x04 || X || Y.</summary>
    public static void ExportPublicKey(ECDiffieHellman key, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        AccountKeys.WritePoint(key.ExportParameters(includePrivateParameters: false).Q, destination);
    }

    /// <summary>The key's public point as a new 65-byte array.</summary>
    public static byte[] ExportPublicKey(ECDiffieHellman key)
    {
        var bytes = new byte[PublicKeySize];
        ExportPublicKey(key, bytes);
        return bytes;
    }

    /// <summary>Imports a peer's public key; false when the bytes are not 0x04 || X || Y with (X, Y) on P-256.</summary>
    public static bool TryImportPublicKey(ReadOnlySpan<byte> publicKey, [NotNullWhen(true)] out ECDiffieHellman? key)
    {
        key = null;
        if (publicKey.Length != PublicKeySize || publicKey[0] != 0x04)
        {
            return false;
        }

        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey[1..33].ToArray(), Y = publicKey[33..].ToArray() },
        };
        try
        {
            key = ECDiffieHellman.Create(parameters);
            return true;
        }
        catch (CryptographicException)
        {
            // Not on the curve: OpenSSL checks the point on import, which also stops invalid-curve attacks.
            return false;
        }
    }

    /// <summary>
    /// The shared secret between <paramref name="ownKey"/> and the peer's public key, written to 32 bytes; false when
    /// the peer key is not a valid P-256 point.
    /// </summary>
    public static bool TryDeriveSharedSecret(ECDiffieHellman ownKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
    {
        ArgumentNullException.ThrowIfNull(ownKey);
        if (sharedSecret.Length < SharedSecretSize)
        {
            throw new ArgumentException($"Need {SharedSecretSize} bytes.", nameof(sharedSecret));
        }

        if (!TryImportPublicKey(peerPublicKey, out ECDiffieHellman? peer))
        {
            return false;
        }

        using (peer)
        using (ECDiffieHellmanPublicKey peerPublic = peer.PublicKey)
        {
            byte[] secret = ownKey.DeriveRawSecretAgreement(peerPublic);
            secret.CopyTo(sharedSecret);
            CryptographicOperations.ZeroMemory(secret);
            return true;
        }
    }
}
