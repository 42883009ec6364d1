using System.Security.Cryptography;

namespace DarkPool.Attestation.Identity;

/// <summary>
/// MRSIGNER: SHA-256 of the raw release signing public key (X||Y, 64 bytes), as SGX hashes the signer's RSA modulus.
/// </summary>
public static class SignerIdentity
{
    /// <summary>MRSIGNER of a raw P-256 public key (X||Y, 64 bytes).</summary>
    public static Sha256Hash FromPublicKey(ReadOnlySpan<byte> rawPublicKey)
    {
        if (rawPublicKey.Length != EcdsaP256.PublicKeySize)
        {
            throw new ArgumentException($"A raw P-256 public key is {EcdsaP256.PublicKeySize} bytes.", nameof(rawPublicKey));
        }

        return Sha256Hash.Compute(rawPublicKey);
    }

    /// <summary>MRSIGNER of a P-256 key.</summary>
    public static Sha256Hash FromKey(ECDsa key)
    {
        Span<byte> raw = stackalloc byte[EcdsaP256.PublicKeySize];
        EcdsaP256.ExportPublicKey(key, raw);
        return FromPublicKey(raw);
    }
}
