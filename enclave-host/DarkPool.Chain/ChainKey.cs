using System.Security.Cryptography;
using Nethereum.Signer;

namespace DarkPool.Chain;

/// <summary>
/// A secp256k1 private key and its Ethereum address: the enclave's settlement key, a governance key, or
/// the key that pays for a transaction. <see cref="ToString"/> prints the address only, never the key.
/// </summary>
public sealed class ChainKey
{
    private readonly byte[] _privateKey;

    private ChainKey(byte[] privateKey)
    {
        _privateKey = privateKey;
        Signer = new EthECKey(privateKey, true);
        Address = EthAddress.Parse(Signer.GetPublicAddress());
        DigestSigner = NBitcoin.Secp256k1.Context.Instance.CreateECPrivKey(privateKey);
    }

    /// <summary>The address derived from the public key (last 20 bytes of its keccak256).</summary>
    public EthAddress Address { get; }

    /// <summary>The key for transactions (Nethereum's account signing).</summary>
    internal EthECKey Signer { get; }

    /// <summary>
    /// The same key for signing digests (batches, authorisations): libsecp256k1's recoverable signing, ported to C#
    /// (NBitcoin.Secp256k1), which allocates a few objects where BouncyCastle's (under Nethereum's <c>EthECKey</c>)
    /// allocated megabytes of big integers a batch, recovering the public key to find v.
    /// </summary>
    internal NBitcoin.Secp256k1.ECPrivKey DigestSigner { get; }

    /// <summary>A fresh key from the operating system's random number generator.</summary>
    public static ChainKey Generate()
    {
        while (true)
        {
            byte[] candidate = RandomNumberGenerator.GetBytes(32);
            if (IsValidScalar(candidate))
            {
                return new ChainKey(candidate);
            }
        }
    }

    /// <summary>A key from its 32-byte scalar (for example unsealed by the enclave).</summary>
    public static ChainKey FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32 || !IsValidScalar(privateKey))
        {
            throw new ArgumentException("A secp256k1 private key is a 32-byte scalar in [1, n-1].", nameof(privateKey));
        }

        return new ChainKey(privateKey.ToArray());
    }

    /// <summary>The 32-byte scalar, for sealing; the caller owns the copy and should clear it.</summary>
    public byte[] ExportPrivateKey() => (byte[])_privateKey.Clone();

    internal string PrivateKeyHex => Convert.ToHexStringLower(_privateKey);

    /// <summary>The address only.</summary>
    public override string ToString() => Address.ToString();

    /// <summary>Whether <paramref name="scalar"/> is 32 bytes in [1, n-1] (n: the secp256k1 group order).</summary>
    internal static bool IsValidScalar(ReadOnlySpan<byte> scalar)
    {
        // n = FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE BAAEDCE6 AF48A03B BFD25E8C D0364141
        ReadOnlySpan<byte> order =
        [
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
            0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
        ];
        return scalar.Length == 32 && scalar.SequenceCompareTo(order) < 0 && scalar.ContainsAnyExcept((byte)0);
    }
}
