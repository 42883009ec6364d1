using System.Buffers.Binary;
using System.Numerics;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Internal;

namespace DarkPool.Chain.Embedded;

/// <summary>
/// A depositor's signed consent to one deposit on the embedded chain, so that a trader's command line
/// can deposit through the gateway without sending its key (docs/SETTLEMENT.md, "Development chain
/// service"). The digest binds the chain id, the contract, every field and an expiry:
/// <code>
/// digest = keccak256("DarkPool dev deposit v1" | chainId (8) | contract (20) | depositor (20)
///                    | token (20) | account (20) | amount (32) | nonce (32) | notAfter (8))
/// signature = r | s | v (65 bytes, v 27 or 28, low s) by the depositor's key over digest
/// </code>
/// The gateway remembers the digests it has accepted until they expire, so one signature moves tokens once.
/// </summary>
/// <param name="Depositor">the address whose tokens move</param>
/// <param name="Token">the development token</param>
/// <param name="Account">the pool account credited</param>
/// <param name="Amount">token base units</param>
/// <param name="Nonce">32 random bytes chosen by the depositor</param>
/// <param name="NotAfter">Unix seconds after which the authorisation is void</param>
/// <param name="Signature">65 bytes</param>
public sealed record DevDepositAuthorization(
    EthAddress Depositor, EthAddress Token, EthAddress Account, BigInteger Amount, Hash32 Nonce, long NotAfter, ReadOnlyMemory<byte> Signature)
{
    private static ReadOnlySpan<byte> Prefix => "DarkPool dev deposit v1"u8;

    /// <summary>Signs a deposit of <paramref name="amount"/> with <paramref name="depositor"/>'s key, valid for <paramref name="lifetime"/>.</summary>
    public static DevDepositAuthorization Create(
        ChainKey depositor, SettlementDomain domain, EthAddress token, EthAddress account, BigInteger amount, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(depositor);
        var nonce = Hash32.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Hash32.Size));
        long notAfter = (now + lifetime).ToUnixTimeSeconds();
        Hash32 digest = Digest(domain, depositor.Address, token, account, amount, nonce, notAfter);
        byte[] bytes = BatchDescriptor.SignDigest(digest, depositor);
        return new DevDepositAuthorization(depositor.Address, token, account, amount, nonce, notAfter, bytes);
    }

    /// <summary>The signed digest (layout above).</summary>
    public static Hash32 Digest(
        SettlementDomain domain, EthAddress depositor, EthAddress token, EthAddress account, BigInteger amount, Hash32 nonce, long notAfter)
    {
        if (amount.Sign <= 0 || amount.GetByteCount(isUnsigned: true) > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A deposit is a positive uint256.");
        }

        Span<byte> message = stackalloc byte[Prefix.Length + 8 + (4 * EthAddress.Size) + 32 + 32 + 8];
        message.Clear();
        Prefix.CopyTo(message);
        Span<byte> rest = message[Prefix.Length..];
        BinaryPrimitives.WriteUInt64BigEndian(rest, domain.ChainId);
        domain.Contract.WriteTo(rest[8..]);
        depositor.WriteTo(rest[28..]);
        token.WriteTo(rest[48..]);
        account.WriteTo(rest[68..]);
        amount.TryWriteBytes(rest[(88 + 32 - amount.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
        nonce.WriteTo(rest[120..]);
        BinaryPrimitives.WriteInt64BigEndian(rest[152..], notAfter);
        return Keccak.Hash(message);
    }

    /// <summary>The digest of this authorisation on <paramref name="domain"/>.</summary>
    public Hash32 DigestOn(SettlementDomain domain) => Digest(domain, Depositor, Token, Account, Amount, Nonce, NotAfter);

    /// <summary>Whether the signature is the depositor's over this deposit on <paramref name="domain"/> and not expired at <paramref name="now"/>.</summary>
    public bool Verify(SettlementDomain domain, DateTimeOffset now)
    {
        return now.ToUnixTimeSeconds() <= NotAfter && Amount.Sign > 0 && Amount.GetByteCount(isUnsigned: true) <= 32
            && BatchDescriptor.TryRecoverDigestSigner(DigestOn(domain), Signature.Span, out EthAddress signer) && signer == Depositor;
    }
}
