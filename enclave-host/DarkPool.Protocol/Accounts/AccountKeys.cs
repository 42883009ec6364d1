using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace DarkPool.Protocol.Accounts;

/// <summary>
/// Encodings of account keys: secp256k1 public keys as SEC1 uncompressed points (0x04 || X || Y, 65 bytes, big-endian
/// coordinates) and ECDSA signatures as r || s (64 bytes, big-endian). Verification goes through the platform's
/// OpenSSL (Linux, where the enclave runs).
/// </summary>
public static class AccountKeys
{
    /// <summary>Size of an uncompressed public key.</summary>
    public const int PublicKeySize = 65;

    /// <summary>Size of a private key scalar.</summary>
    public const int PrivateKeySize = 32;

    /// <summary>Size of an r || s signature.</summary>
    public const int SignatureSize = 64;

    /// <summary>Size of the digest that is signed.</summary>
    public const int DigestSize = 32;

    /// <summary>The secp256k1 curve.</summary>
    public static ECCurve Curve => ECCurve.CreateFromFriendlyName("secp256k1");

    /// <summary>Imports a public key; false when the bytes are not 0x04 || X || Y with (X, Y) on secp256k1.</summary>
    public static bool TryImportPublicKey(ReadOnlySpan<byte> publicKey, [NotNullWhen(true)] out ECDsa? key)
    {
        key = null;
        if (publicKey.Length != PublicKeySize || publicKey[0] != 0x04)
        {
            return false;
        }

        var parameters = new ECParameters
        {
            Curve = Curve,
            Q = new ECPoint { X = publicKey[1..33].ToArray(), Y = publicKey[33..].ToArray() },
        };
        try
        {
            key = ECDsa.Create(parameters);
            return true;
        }
        catch (CryptographicException)
        {
            // OpenSSL refuses points that are not on the curve (or the point at infinity): a malformed key, not a bug.
            return false;
        }
    }

    /// <summary>Verifies an r || s signature over a 32-byte digest with an imported key.</summary>
    public static bool VerifyDigest(ECDsa publicKey, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return digest.Length == DigestSize
            && signature.Length == SignatureSize
            && publicKey.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Writes a key's public point as 0x04 || X || Y.</summary>
    public static void ExportPublicKey(ECDsa key, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        ECParameters parameters = key.ExportParameters(includePrivateParameters: false);
        WritePoint(parameters.Q, destination);
    }

    internal static void WritePoint(ECPoint point, Span<byte> destination)
    {
        if (destination.Length < PublicKeySize || point.X is not { Length: 32 } x || point.Y is not { Length: 32 } y)
        {
            throw new ArgumentException("Not a 256-bit curve point, or the destination is too small.", nameof(destination));
        }

        destination[0] = 0x04;
        x.CopyTo(destination[1..]);
        y.CopyTo(destination[33..]);
    }
}
