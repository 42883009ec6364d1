using System.Numerics;
using System.Text;
using DarkPool.Chain.Internal;
using NBitcoin.Secp256k1;

namespace DarkPool.Chain.Batches;

/// <summary>What the enclave signs, and how a signature is checked: the same rules as the contract.</summary>
public static partial class BatchDescriptor
{
    /// <summary>A signature is r (32) | s (32) | v (1), v 27 or 28, s in the lower half of the order.</summary>
    public const int SignatureSize = 65;

    private static readonly BigInteger CurveOrder = BigInteger.Parse(
        "115792089237316195423570985008687907852837564279074904382605163141518161494337",
        System.Globalization.CultureInfo.InvariantCulture);

    private static readonly BigInteger HalfOrder = CurveOrder / 2;

    private static readonly Hash32 DomainTypeHash = Keccak.Hash(
        Encoding.ASCII.GetBytes("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"));

    private static readonly Hash32 BatchTypeHash = Keccak.Hash(Encoding.ASCII.GetBytes("SettlementBatch(bytes32 batchHash)"));
    private static readonly Hash32 NameHash = Keccak.Hash(Encoding.ASCII.GetBytes("DarkPoolSettlement"));
    private static readonly Hash32 VersionHash = Keccak.Hash(Encoding.ASCII.GetBytes("1"));

    /// <summary>
    /// The EIP-712 domain separator: keccak256(abi.encode(EIP712Domain typehash, keccak256("DarkPoolSettlement"),
    /// keccak256("1"), chainId, contract)).
    /// </summary>
    public static Hash32 DomainSeparator(SettlementDomain domain)
    {
        Span<byte> words = stackalloc byte[5 * 32];
        words.Clear();
        DomainTypeHash.WriteTo(words);
        NameHash.WriteTo(words[32..]);
        VersionHash.WriteTo(words[64..]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(words[(96 + 24)..], domain.ChainId);
        domain.Contract.WriteTo(words[(128 + 12)..]);
        return Keccak.Hash(words);
    }

    /// <summary>
    /// The digest signed for a batch: keccak256(0x19 0x01 | domain separator |
    /// keccak256(abi.encode(keccak256("SettlementBatch(bytes32 batchHash)"), batchHash))).
    /// </summary>
    public static Hash32 SigningDigest(Hash32 batchHash, SettlementDomain domain)
    {
        Span<byte> structWords = stackalloc byte[64];
        BatchTypeHash.WriteTo(structWords);
        batchHash.WriteTo(structWords[32..]);
        Span<byte> message = stackalloc byte[66];
        message[0] = 0x19;
        message[1] = 0x01;
        DomainSeparator(domain).WriteTo(message[2..]);
        Keccak.Hash(structWords).WriteTo(message[34..]);
        return Keccak.Hash(message);
    }

    /// <summary>Encodes <paramref name="batch"/> and signs its hash for <paramref name="domain"/>.</summary>
    public static SignedBatch Sign(SettlementBatch batch, SettlementDomain domain, ChainKey key)
    {
        byte[] encoded = Encode(batch);
        Hash32 hash = Hash(encoded);
        return new SignedBatch(encoded, SignHash(hash, domain, key), hash);
    }

    /// <summary>Signs a batch hash: 65 bytes r | s | v with a low s.</summary>
    public static byte[] SignHash(Hash32 batchHash, SettlementDomain domain, ChainKey key) => SignDigest(SigningDigest(batchHash, domain), key);

    /// <summary>Signs any 32-byte digest the way batches are signed: r | s | v, low s, v 27 or 28.</summary>
    internal static byte[] SignDigest(Hash32 digest, ChainKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> message = stackalloc byte[Hash32.Size];
        digest.WriteTo(message);

        // RFC 6979 deterministic nonce; libsecp256k1 gives the low s (and flips the recovery id to match).
        if (!key.DigestSigner.TrySignRecoverable(message, out SecpRecoverableECDSASignature? signature) || signature is null)
        {
            throw new System.Security.Cryptography.CryptographicException("The digest could not be signed.");
        }

        byte[] result = new byte[SignatureSize];
        signature.WriteToSpanCompact(result.AsSpan(0, 64), out int recoveryId);
        result[64] = (byte)(27 + recoveryId);
        return result;
    }

    /// <summary>
    /// Recovers the signer of <paramref name="batchHash"/>; false for a malformed signature (length,
    /// v not 27 or 28, high s, or no key recoverable), exactly where the contract says InvalidSignature.
    /// </summary>
    public static bool TryRecoverSigner(
        Hash32 batchHash, ReadOnlySpan<byte> signature, SettlementDomain domain, out EthAddress signer) =>
        TryRecoverDigestSigner(SigningDigest(batchHash, domain), signature, out signer);

    /// <summary>The signer of any 32-byte digest signed as <see cref="SignDigest"/> signs; false for a malformed signature.</summary>
    internal static bool TryRecoverDigestSigner(Hash32 digest, ReadOnlySpan<byte> signature, out EthAddress signer)
    {
        signer = EthAddress.Zero;
        if (signature.Length != SignatureSize || (signature[64] != 27 && signature[64] != 28))
        {
            return false;
        }

        var r = new BigInteger(signature[..32], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(signature[32..64], isUnsigned: true, isBigEndian: true);
        if (r.IsZero || r >= CurveOrder || s.IsZero || s > HalfOrder)
        {
            return false;
        }

        Span<byte> message = stackalloc byte[Hash32.Size];
        digest.WriteTo(message);
        if (!SecpRecoverableECDSASignature.TryCreateFromCompact(signature[..64], signature[64] - 27, out SecpRecoverableECDSASignature? parsed)
            || !ECPubKey.TryRecover(Context.Instance, parsed, message, out ECPubKey? key))
        {
            // ecrecover's "no key": zero.
            return false;
        }

        Span<byte> point = stackalloc byte[65];
        key.WriteToSpan(compressed: false, point, out _);
        Span<byte> hash = stackalloc byte[Hash32.Size];
        Keccak.Hash(point[1..]).WriteTo(hash);
        signer = EthAddress.FromBytes(hash[12..]);
        return !signer.IsZero;
    }

    /// <summary>Whether <paramref name="batch"/> carries a valid signature by <paramref name="expectedSigner"/>.</summary>
    public static bool Verify(SignedBatch batch, SettlementDomain domain, EthAddress expectedSigner)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return TryRecoverSigner(batch.Hash, batch.Signature.Span, domain, out EthAddress signer)
            && signer == expectedSigner;
    }
}
