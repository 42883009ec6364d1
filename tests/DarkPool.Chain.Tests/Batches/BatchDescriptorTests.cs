using System.Buffers.Binary;
using System.Numerics;
using DarkPool.Chain.Batches;
using Nethereum.Util;

namespace DarkPool.Chain.Tests.Batches;

public sealed class BatchDescriptorTests
{
    internal static readonly SettlementDomain Domain = new(31337, EthAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
    internal static readonly EthAddress TokenA = EthAddress.Parse("0x1111111111111111111111111111111111111111");
    /// <summary>secp256k1's group order n.</summary>
    private static readonly BigInteger CurveOrder = BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly EthAddress Alice = EthAddress.Parse("0x2222222222222222222222222222222222222222");

    private static SettlementBatch Sample(int withdrawals = 2, int cipher = 5) => new(
        7,
        Hash32.FromBytes(Enumerable.Repeat((byte)0xAA, 32).ToArray()),
        Hash32.FromBytes(Enumerable.Repeat((byte)0xBB, 32).ToArray()),
        new DepositCursor(3, Hash32.FromBytes(Enumerable.Repeat((byte)0xCC, 32).ToArray())),
        [.. Enumerable.Range(1, withdrawals).Select(i => new Withdrawal(TokenA, Alice, BigInteger.Pow(2, 255) + i))],
        Enumerable.Range(0, cipher).Select(i => (byte)i).ToArray());

    [Fact]
    public void Encode_Sample_FieldsAtDocumentedOffsets()
    {
        byte[] bytes = BatchDescriptor.Encode(Sample());

        Assert.Equal(124 + (2 * 72) + 5, bytes.Length);
        Assert.Equal("DPSB"u8.ToArray(), bytes[..4]);
        Assert.Equal((1, 2, 7UL, 3UL, 5U), (
            BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(4)),
            BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(6)),
            BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8)),
            BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(80)),
            BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(120))));
        Assert.All(bytes[16..48], b => Assert.Equal(0xAA, b));
        Assert.All(bytes[48..80], b => Assert.Equal(0xBB, b));
        Assert.All(bytes[88..120], b => Assert.Equal(0xCC, b));
        Assert.Equal(TokenA.ToArray(), bytes[124..144]);
        Assert.Equal(Alice.ToArray(), bytes[144..164]);
        Assert.Equal(0x80, bytes[164]);
        Assert.Equal(1, bytes[195]);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4 }, bytes[^5..]);
    }

    [Fact]
    public void Decode_EncodedSample_RoundTrips()
    {
        SettlementBatch batch = Sample(withdrawals: 3, cipher: 1000);

        SettlementBatch decoded = BatchDescriptor.Decode(BatchDescriptor.Encode(batch));

        Assert.Equal((batch.Sequence, batch.PreviousHash, batch.JournalHead, batch.DepositCursor), (decoded.Sequence, decoded.PreviousHash, decoded.JournalHead, decoded.DepositCursor));
        Assert.Equal(batch.Withdrawals, decoded.Withdrawals);
        Assert.Equal(batch.Ciphertext.ToArray(), decoded.Ciphertext.ToArray());
        Assert.Equal(BatchDescriptor.Encode(batch), BatchDescriptor.Encode(decoded));
    }

    [Fact]
    public void Decode_WrongMagicVersionOrLength_ThrowsBatchFormatException()
    {
        byte[] good = BatchDescriptor.Encode(Sample());
        byte[] magic = (byte[])good.Clone();
        magic[0] = (byte)'X';
        byte[] version = (byte[])good.Clone();
        version[5] = 2;

        foreach (byte[] bad in new[] { magic, version, good[..^1], [.. good, 0], good[..123] })
        {
            Assert.False(BatchDescriptor.IsWellFormed(bad));
            Assert.Throws<BatchFormatException>(() => BatchDescriptor.Decode(bad));
        }
    }

    [Fact]
    public void Hash_Encoded_IsKeccak256OfTheBytes()
    {
        byte[] bytes = BatchDescriptor.Encode(Sample());

        Assert.Equal(Hash32.FromBytes(new Sha3Keccack().CalculateHash(bytes)), BatchDescriptor.Hash(bytes));
    }

    [Fact]
    public void Sign_ThenVerify_TrueForSignerOnly()
    {
        ChainKey key = ChainKey.Generate();
        SignedBatch signed = BatchDescriptor.Sign(Sample(), Domain, key);

        Assert.Equal(65, signed.Signature.Length);
        Assert.True(BatchDescriptor.Verify(signed, Domain, key.Address));
        Assert.False(BatchDescriptor.Verify(signed, Domain, ChainKey.Generate().Address));
        Assert.False(BatchDescriptor.Verify(signed, Domain with { ChainId = 1 }, key.Address));
        Assert.True(BatchDescriptor.TryRecoverSigner(signed.Hash, signed.Signature.Span, Domain, out EthAddress signer));
        Assert.Equal(key.Address, signer);
    }

    [Fact]
    public void Sign_ManyKeys_AlwaysLowS()
    {
        BigInteger half = CurveOrder / 2;
        for (int i = 0; i < 40; i++)
        {
            byte[] signature = BatchDescriptor.SignHash(Hash32.FromBytes(Enumerable.Repeat((byte)i, 32).ToArray()), Domain, ChainKey.Generate());
            Assert.True(new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true) <= half);
            Assert.Contains(signature[64], new byte[] { 27, 28 });
        }
    }

    [Fact]
    public void SigningDigest_KnownInputs_MatchesEip712ComputedWithNethereum()
    {
        Hash32 batchHash = Hash32.FromBytes(Enumerable.Repeat((byte)0x42, 32).ToArray());
        var abi = new Nethereum.ABI.ABIEncode();
        byte[] domainSeparator = abi.GetSha3ABIEncoded(
            new Nethereum.ABI.ABIValue("bytes32", new Sha3Keccack().CalculateHash("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"u8.ToArray())),
            new Nethereum.ABI.ABIValue("bytes32", new Sha3Keccack().CalculateHash("DarkPoolSettlement"u8.ToArray())),
            new Nethereum.ABI.ABIValue("bytes32", new Sha3Keccack().CalculateHash("1"u8.ToArray())),
            new Nethereum.ABI.ABIValue("uint256", new BigInteger(Domain.ChainId)),
            new Nethereum.ABI.ABIValue("address", Domain.Contract.ToString()));
        byte[] structHash = abi.GetSha3ABIEncoded(
            new Nethereum.ABI.ABIValue("bytes32", new Sha3Keccack().CalculateHash("SettlementBatch(bytes32 batchHash)"u8.ToArray())),
            new Nethereum.ABI.ABIValue("bytes32", batchHash.ToArray()));
        byte[] digest = new Sha3Keccack().CalculateHash([0x19, 0x01, .. domainSeparator, .. structHash]);

        Assert.Equal(Hash32.FromBytes(domainSeparator), BatchDescriptor.DomainSeparator(Domain));
        Assert.Equal(Hash32.FromBytes(digest), BatchDescriptor.SigningDigest(batchHash, Domain));
    }

    /// <summary>
    /// Digests are signed with NBitcoin.Secp256k1 (libsecp256k1's port); Nethereum's BouncyCastle signer, which signed them
    /// before, is the independent check: both use RFC 6979 nonces, so after its s is made low they give the same 65
    /// bytes, and each recovers the other's signer.
    /// </summary>
    [Fact]
    public void SignDigest_SameBytesAsNethereumsSignerMadeLowS_AndEachRecoversTheOthers()
    {
        for (int i = 0; i < 40; i++)
        {
            ChainKey key = ChainKey.Generate();
            Hash32 digest = Hash32.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            byte[] ours = BatchDescriptor.SignDigest(digest, key);

            var nethereumKey = new Nethereum.Signer.EthECKey(key.ExportPrivateKey(), true);
            Nethereum.Signer.EthECDSASignature theirs = nethereumKey.SignAndCalculateV(digest.ToArray());
            var r = new BigInteger(theirs.R, isUnsigned: true, isBigEndian: true);
            var s = new BigInteger(theirs.S, isUnsigned: true, isBigEndian: true);
            byte v = theirs.V[0];
            if (s > CurveOrder / 2)
            {
                s = CurveOrder - s;
                v = v == 27 ? (byte)28 : (byte)27;
            }

            byte[] expected = [.. Word(r), .. Word(s), v];
            Assert.Equal(expected, ours);

            var parsed = Nethereum.Signer.EthECDSASignatureFactory.FromComponents(ours[..32], ours[32..64], ours[64]);
            Assert.Equal(key.Address, EthAddress.Parse(Nethereum.Signer.EthECKey.RecoverFromSignature(parsed, digest.ToArray()).GetPublicAddress()));
            Assert.True(BatchDescriptor.TryRecoverDigestSigner(digest, expected, out EthAddress recovered));
            Assert.Equal(key.Address, recovered);
        }

        static byte[] Word(BigInteger value)
        {
            byte[] word = new byte[32];
            byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
            bytes.CopyTo(word, 32 - bytes.Length);
            return word;
        }
    }

    [Fact]
    public void TryRecoverDigestSigner_HighSWrongVOrOtherDigest_RefusedOrAnotherSigner()
    {
        ChainKey key = ChainKey.Generate();
        Hash32 digest = Hash32.FromBytes(Enumerable.Repeat((byte)7, 32).ToArray());
        byte[] signature = BatchDescriptor.SignDigest(digest, key);

        // The same signature with s made high (and v flipped) is valid ECDSA but refused, as the contract refuses it.
        byte[] high = (byte[])signature.Clone();
        (CurveOrder - new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true)).ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(high.AsSpan(32));
        high[64] = signature[64] == 27 ? (byte)28 : (byte)27;
        Assert.False(BatchDescriptor.TryRecoverDigestSigner(digest, high, out _));

        // v outside 27/28, or a short signature: refused.
        byte[] badV = (byte[])signature.Clone();
        badV[64] = 1;
        Assert.False(BatchDescriptor.TryRecoverDigestSigner(digest, badV, out _));
        Assert.False(BatchDescriptor.TryRecoverDigestSigner(digest, signature.AsSpan(0, 64), out _));

        // The other v, or another digest: a key is recovered, but not the signer's.
        byte[] otherV = (byte[])signature.Clone();
        otherV[64] = signature[64] == 27 ? (byte)28 : (byte)27;
        Assert.True(!BatchDescriptor.TryRecoverDigestSigner(digest, otherV, out EthAddress a) || a != key.Address);
        Assert.True(BatchDescriptor.TryRecoverDigestSigner(Hash32.Zero, signature, out EthAddress b));
        Assert.NotEqual(key.Address, b);
    }

    [Fact]
    public void TryRecoverSigner_ZeroOrOutOfRangeR_False()
    {
        byte[] zero = new byte[65];
        zero[64] = 27;
        byte[] bigR = Enumerable.Repeat((byte)0xFF, 65).ToArray();
        bigR[64] = 27;
        bigR[32] = 0x01;

        Assert.False(BatchDescriptor.TryRecoverSigner(Hash32.Zero, zero, Domain, out _));
        Assert.False(BatchDescriptor.TryRecoverSigner(Hash32.Zero, bigR, Domain, out _));
    }

    [Fact]
    public void SettlementBatch_AmountAboveUint256_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SettlementBatch(
            1, Hash32.Zero, Hash32.Zero, default, [new Withdrawal(TokenA, Alice, BigInteger.Pow(2, 256))], Array.Empty<byte>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SettlementBatch(
            1, Hash32.Zero, Hash32.Zero, default, [new Withdrawal(TokenA, Alice, -1)], Array.Empty<byte>()));
    }
}
