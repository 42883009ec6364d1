using System.Buffers.Binary;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Internal;

namespace DarkPool.Chain.Embedded;

/// <summary>
/// Governance's signed consent to register (or rotate to) one enclave key on the embedded chain, so that
/// <c>darkpool-audit register-key</c> can register the attested key through the gateway without sending the governance
/// key (docs/SETTLEMENT.md, "Registering the enclave key"). The digest binds the chain id, the contract, the key and an
/// expiry:
/// <code>
/// digest = keccak256("DarkPool dev key registration v1" | chainId (8) | contract (20) | enclaveKey (20)
///                    | nonce (32) | notAfter (8))
/// signature = r | s | v (65 bytes, v 27 or 28, low s) by the governance key over digest
/// </code>
/// The signer is recovered, never named: the chain accepts it only when it is the governance address. The gateway
/// remembers the digests it has accepted until they expire, so one signature registers once.
/// </summary>
/// <param name="EnclaveKey">the enclave settlement address to register</param>
/// <param name="Nonce">32 random bytes chosen by the signer</param>
/// <param name="NotAfter">Unix seconds after which the authorisation is void</param>
/// <param name="Signature">65 bytes</param>
public sealed record DevKeyRegistrationAuthorization(EthAddress EnclaveKey, Hash32 Nonce, long NotAfter, ReadOnlyMemory<byte> Signature)
{
    private static ReadOnlySpan<byte> Prefix => "DarkPool dev key registration v1"u8;

    /// <summary>Signs the registration of <paramref name="enclaveKey"/> with <paramref name="governance"/>'s key, valid for <paramref name="lifetime"/>.</summary>
    public static DevKeyRegistrationAuthorization Create(
        ChainKey governance, SettlementDomain domain, EthAddress enclaveKey, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(governance);
        var nonce = Hash32.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Hash32.Size));
        long notAfter = (now + lifetime).ToUnixTimeSeconds();
        byte[] signature = BatchDescriptor.SignDigest(Digest(domain, enclaveKey, nonce, notAfter), governance);
        return new DevKeyRegistrationAuthorization(enclaveKey, nonce, notAfter, signature);
    }

    /// <summary>The signed digest (layout above).</summary>
    public static Hash32 Digest(SettlementDomain domain, EthAddress enclaveKey, Hash32 nonce, long notAfter)
    {
        Span<byte> message = stackalloc byte[Prefix.Length + 8 + (2 * EthAddress.Size) + Hash32.Size + 8];
        Prefix.CopyTo(message);
        Span<byte> rest = message[Prefix.Length..];
        BinaryPrimitives.WriteUInt64BigEndian(rest, domain.ChainId);
        domain.Contract.WriteTo(rest[8..]);
        enclaveKey.WriteTo(rest[28..]);
        nonce.WriteTo(rest[48..]);
        BinaryPrimitives.WriteInt64BigEndian(rest[80..], notAfter);
        return Keccak.Hash(message);
    }

    /// <summary>The digest of this authorisation on <paramref name="domain"/>.</summary>
    public Hash32 DigestOn(SettlementDomain domain) => Digest(domain, EnclaveKey, Nonce, NotAfter);

    /// <summary>Whether this authorisation has expired at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => now.ToUnixTimeSeconds() > NotAfter;

    /// <summary>The key that signed this authorisation on <paramref name="domain"/>; false for a malformed signature.</summary>
    public bool TryRecoverSigner(SettlementDomain domain, out EthAddress signer) =>
        BatchDescriptor.TryRecoverDigestSigner(DigestOn(domain), Signature.Span, out signer);
}
