using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace DarkPool.Attestation;

/// <summary>
/// The raw encodings SGX uses for P-256: public keys as X||Y (64 bytes, big-endian coordinates) and signatures
/// as r||s (64 bytes, IEEE P1363), always over SHA-256.
/// </summary>
public static class EcdsaP256
{
    /// <summary>Size of a raw public key (X||Y).</summary>
    public const int PublicKeySize = 64;

    /// <summary>Size of a raw signature (r||s).</summary>
    public const int SignatureSize = 64;

    /// <summary>Writes the key's public point as X||Y.</summary>
    /// <exception cref="ArgumentException">The key is not on P-256.</exception>
    public static void ExportPublicKey(ECDsa key, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (destination.Length < PublicKeySize)
        {
            throw new ArgumentException($"Need {PublicKeySize} bytes.", nameof(destination));
        }

        ECParameters parameters = key.ExportParameters(includePrivateParameters: false);
        if (!IsP256(parameters.Curve) || parameters.Q.X is not { Length: 32 } x || parameters.Q.Y is not { Length: 32 } y)
        {
            throw new ArgumentException("The key is not a P-256 key.", nameof(key));
        }

        x.CopyTo(destination);
        y.CopyTo(destination[32..]);
    }

    /// <summary>The key's public point as a new 64-byte array.</summary>
    public static byte[] ExportPublicKey(ECDsa key)
    {
        var raw = new byte[PublicKeySize];
        ExportPublicKey(key, raw);
        return raw;
    }

    /// <summary>Imports X||Y; false when the bytes are not a point on P-256.</summary>
    public static bool TryImportPublicKey(ReadOnlySpan<byte> raw, [NotNullWhen(true)] out ECDsa? key)
    {
        key = null;
        if (raw.Length != PublicKeySize)
        {
            return false;
        }

        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = raw[..32].ToArray(), Y = raw[32..].ToArray() },
        };
        var candidate = ECDsa.Create();
        try
        {
            candidate.ImportParameters(parameters);
        }
        catch (CryptographicException)
        {
            candidate.Dispose();
            return false;
        }

        key = candidate;
        return true;
    }

    /// <summary>Signs SHA-256(<paramref name="data"/>) and writes r||s.</summary>
    public static void Sign(ECDsa key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        int written = key.SignData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        if (written != SignatureSize)
        {
            throw new CryptographicException("The key did not produce a P-256 signature.");
        }
    }

    /// <summary>Verifies an r||s signature over SHA-256(<paramref name="data"/>).</summary>
    public static bool Verify(ECDsa key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        return signature.Length == SignatureSize
            && key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    internal static bool IsP256(ECCurve curve) =>
        curve.IsNamed && (curve.Oid.Value == "1.2.840.10045.3.1.7" || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256");
}
