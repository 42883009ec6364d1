using System.Security.Cryptography;

namespace DarkPool.Protocol.Accounts;

/// <summary>
/// A secp256k1 account key held in memory, signing through the platform's OpenSSL. <see cref="ToString"/> prints the
/// address only, never the key.
/// </summary>
public sealed class Secp256k1AccountKey : IAccountSigner, IDisposable
{
    private readonly ECDsa _key;
    private readonly byte[] _publicKey = new byte[AccountKeys.PublicKeySize];

    private Secp256k1AccountKey(ECDsa key)
    {
        _key = key;
        AccountKeys.ExportPublicKey(key, _publicKey);
        Address = AccountAddress.FromPublicKey(_publicKey);
    }

    /// <summary>The account: the key's Ethereum address.</summary>
    public AccountAddress Address { get; }

    /// <inheritdoc/>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>A fresh key from the operating system's random number generator.</summary>
    public static Secp256k1AccountKey Generate() => new(ECDsa.Create(AccountKeys.Curve));

    /// <summary>A key from its 32-byte big-endian scalar.</summary>
    /// <exception cref="ArgumentException">The scalar is not in [1, n-1].</exception>
    public static Secp256k1AccountKey FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != AccountKeys.PrivateKeySize || !IsValidScalar(privateKey))
        {
            throw new ArgumentException("A secp256k1 private key is a 32-byte scalar in [1, n-1].", nameof(privateKey));
        }

        byte[] d = privateKey.ToArray();
        try
        {
            return new Secp256k1AccountKey(ECDsa.Create(new ECParameters { Curve = AccountKeys.Curve, D = d }));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    /// <inheritdoc/>
    public void SignDigest(ReadOnlySpan<byte> digest, Span<byte> signature)
    {
        if (digest.Length != AccountKeys.DigestSize || signature.Length < AccountKeys.SignatureSize)
        {
            throw new ArgumentException($"The digest is {AccountKeys.DigestSize} bytes and the signature needs {AccountKeys.SignatureSize}.", nameof(digest));
        }

        int written = _key.SignHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        if (written != AccountKeys.SignatureSize)
        {
            throw new CryptographicException("The key did not produce a secp256k1 signature.");
        }
    }

    /// <summary>The address only.</summary>
    public override string ToString() => Address.ToString();

    /// <summary>Releases the key.</summary>
    public void Dispose() => _key.Dispose();

    private static bool IsValidScalar(ReadOnlySpan<byte> scalar)
    {
        // n = FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE BAAEDCE6 AF48A03B BFD25E8C D0364141
        ReadOnlySpan<byte> order =
        [
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
            0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
        ];
        return scalar.SequenceCompareTo(order) < 0 && scalar.ContainsAnyExcept((byte)0);
    }
}
