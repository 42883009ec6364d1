using System.Security.Cryptography;
using DarkPool.Chain.Entries;
using Nethereum.Signer;

namespace DarkPool.Chain.Tests.Entries;

public sealed class EntryCipherTests
{
    // The test vector of docs/SETTLEMENT.md, "Entries" (checked there against an independent Python implementation:
    // hmac + the cryptography package's secp256k1 ECDH, HKDF and AES-GCM).
    private const string VectorSecret = "0101010101010101010101010101010101010101010101010101010101010101";
    private const string VectorRecipient = "0202020202020202020202020202020202020202020202020202020202020202";
    private const string VectorAccount = "0x3333333333333333333333333333333333333333";
    private const ulong VectorSequence = 7;

    [Fact]
    public void Encrypt_RecipientKey_Decrypts()
    {
        (byte[] privateKey, byte[] publicKey) = NewKey();
        byte[] ephemeral = EntryCipher.DeriveEphemeral(RandomNumberGenerator.GetBytes(32), 5, EthAddress.Parse(VectorAccount));
        byte[] plaintext = RandomNumberGenerator.GetBytes(256);

        byte[] entry = EntryCipher.Encrypt(ephemeral, publicKey, 5, plaintext);

        Assert.Equal(EntryCipher.Overhead + plaintext.Length, entry.Length);
        Assert.True(EntryCipher.TryDecrypt(privateKey, 5, entry, out byte[] opened, out int length));
        Assert.Equal(plaintext, opened);
        Assert.Equal(entry.Length, length);
    }

    [Fact]
    public void TryDecrypt_OtherKeyOrSequenceOrTamperedByte_Refused()
    {
        (byte[] otherPrivate, _) = NewKey();
        (byte[] recipientPrivate, byte[] recipientPublic) = NewKey();
        byte[] entry = EntryCipher.Encrypt(EntryCipher.DeriveEphemeral([1, 2, 3], 1, EthAddress.Parse(VectorAccount)), recipientPublic, 1, new byte[256]);

        Assert.False(EntryCipher.TryDecrypt(otherPrivate, 1, entry, out _, out int length));
        Assert.Equal(entry.Length, length);
        Assert.False(EntryCipher.TryDecrypt(recipientPrivate, 2, entry, out _, out _));
        for (int i = 0; i < entry.Length; i += 17)
        {
            byte[] tampered = (byte[])entry.Clone();
            tampered[i] ^= 0x01;
            Assert.False(EntryCipher.TryDecrypt(recipientPrivate, 1, tampered, out _, out _));
        }

        Assert.False(EntryCipher.TryDecrypt(recipientPrivate, 1, entry.AsSpan(0, 40), out _, out int shortLength));
        Assert.Equal(0, shortLength);
    }

    [Fact]
    public void DeriveEphemeral_SameInputs_SameKey_AndDiffersPerSequenceAndAccount()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        var a = EthAddress.Parse(VectorAccount);
        var b = EthAddress.Parse("0x4444444444444444444444444444444444444444");

        Assert.Equal(EntryCipher.DeriveEphemeral(secret, 3, a), EntryCipher.DeriveEphemeral(secret, 3, a));
        Assert.NotEqual(EntryCipher.DeriveEphemeral(secret, 3, a), EntryCipher.DeriveEphemeral(secret, 4, a));
        Assert.NotEqual(EntryCipher.DeriveEphemeral(secret, 3, a), EntryCipher.DeriveEphemeral(secret, 3, b));
    }

    [Fact]
    public void Vector_EphemeralPublicKeyIsNethereumsAndEntryIsPinned()
    {
        byte[] ephemeral = EntryCipher.DeriveEphemeral(Convert.FromHexString(VectorSecret), VectorSequence, EthAddress.Parse(VectorAccount));
        byte[] recipientPublic = new EthECKey(Convert.FromHexString(VectorRecipient), true).GetPubKey();
        byte[] plaintext = new SettlementEntry(EthAddress.Parse(VectorAccount), VectorSequence, [EntryItem.Deposit(1, 2, 1000)]).Encode();

        byte[] entry = EntryCipher.Encrypt(ephemeral, recipientPublic, VectorSequence, plaintext);

        // R is e·G as an independent implementation (Nethereum/BouncyCastle) computes it.
        Assert.Equal(new EthECKey(ephemeral, true).GetPubKey(), entry[..65]);
        Assert.True(EntryCipher.TryDecrypt(Convert.FromHexString(VectorRecipient), VectorSequence, entry, out byte[] opened, out _));
        Assert.Equal(plaintext, opened);
        Assert.Equal(VectorEphemeral, Convert.ToHexStringLower(ephemeral));
        Assert.Equal(VectorEntrySha256, Convert.ToHexStringLower(SHA256.HashData(entry)));
    }

    [Fact]
    public void Encrypt_RandomKeys_OpenWithTheOpenSslEcdhOfTheLayout()
    {
        // An independent reader of the layout: the platform's ECDH (OpenSSL) and AES-GCM, not the cipher's own code.
        ECCurve curve = ECCurve.CreateFromFriendlyName("secp256k1");
        for (int i = 0; i < 6; i++)
        {
            (byte[] privateKey, byte[] publicKey) = NewKey();
            byte[] ephemeral = EntryCipher.DeriveEphemeral(RandomNumberGenerator.GetBytes(32), (ulong)i, EthAddress.Parse(VectorAccount));
            byte[] plaintext = RandomNumberGenerator.GetBytes(256 * (i + 1));

            byte[] entry = EntryCipher.Encrypt(ephemeral, publicKey, (ulong)i, plaintext);

            using var own = ECDiffieHellman.Create(new ECParameters { Curve = curve, D = privateKey });
            using var r = ECDiffieHellman.Create(new ECParameters
            {
                Curve = curve,
                Q = new ECPoint { X = entry.AsSpan(1, 32).ToArray(), Y = entry.AsSpan(33, 32).ToArray() },
            });
            byte[] shared = own.DeriveRawSecretAgreement(r.PublicKey);
            byte[] key = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, entry[..65], "DarkPool settlement entry v1"u8.ToArray());
            byte[] aad = [.. "DPSE"u8, .. BitConverter.GetBytes((ulong)i).Reverse()];
            byte[] opened = new byte[plaintext.Length];
            using var gcm = new AesGcm(key, 16);
            gcm.Decrypt(new byte[12], entry.AsSpan(69, plaintext.Length), entry.AsSpan(69 + plaintext.Length, 16), opened, aad);

            Assert.Equal(plaintext, opened);
            Assert.Equal(new EthECKey(ephemeral, true).GetPubKey(), entry[..65]);
        }
    }

    [Fact]
    public void Encrypt_RecipientKeyNotAnUncompressedCurvePoint_ArgumentException()
    {
        (_, byte[] publicKey) = NewKey();
        byte[] ephemeral = EntryCipher.DeriveEphemeral([7], 1, EthAddress.Parse(VectorAccount));
        byte[] offCurve = (byte[])publicKey.Clone();
        offCurve[64] ^= 0x01;
        byte[] hybrid = (byte[])publicKey.Clone();
        hybrid[0] = (byte)(0x06 | (publicKey[64] & 1));
        byte[] compressed = [(byte)(0x02 | (publicKey[64] & 1)), .. publicKey.AsSpan(1, 32)];

        foreach (byte[] bad in new[] { offCurve, hybrid, compressed, new byte[65], publicKey[..64], [.. publicKey, 0] })
        {
            Assert.Throws<ArgumentException>(() => EntryCipher.Encrypt(ephemeral, bad, 1, new byte[256]));
        }

        byte[] order = Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
        foreach (byte[] badScalar in new[] { new byte[32], order, new byte[31] })
        {
            Assert.Throws<ArgumentException>(() => EntryCipher.Encrypt(badScalar, publicKey, 1, new byte[256]));
        }
    }

    [Fact]
    public void TryDecrypt_EphemeralKeyOffTheCurveOrPrivateKeyNotA32ByteScalar_FalseWithTheEntryLength()
    {
        (byte[] privateKey, byte[] publicKey) = NewKey();
        byte[] entry = EntryCipher.Encrypt(EntryCipher.DeriveEphemeral([9], 3, EthAddress.Parse(VectorAccount)), publicKey, 3, new byte[256]);
        byte[] offCurve = (byte[])entry.Clone();
        offCurve[40] ^= 0x01;

        Assert.False(EntryCipher.TryDecrypt(privateKey, 3, offCurve, out byte[] plaintext, out int length));
        Assert.Empty(plaintext);
        Assert.Equal(entry.Length, length);
        Assert.False(EntryCipher.TryDecrypt(new byte[32], 3, entry, out _, out length));
        Assert.Equal(entry.Length, length);
        foreach (byte[] wrongLength in new[] { [], privateKey[..1], privateKey[..31], [.. privateKey, 0], [.. privateKey, .. privateKey] })
        {
            Assert.False(EntryCipher.TryDecrypt(wrongLength, 3, entry, out plaintext, out length));
            Assert.Empty(plaintext);
            Assert.Equal(entry.Length, length);
        }
        Assert.True(EntryCipher.TryDecrypt(privateKey, 3, entry, out _, out _));
    }

    private const string VectorEphemeral = "d7109a3ea4072d7b09cd8ee3b5c01a2cbf113e04f538b83dcc640fd3d7c88ebc";
    private const string VectorEntrySha256 = "915f87d754a0414020f0d292b2b71ae79cac6b0100d7e8b0cf9963d0c23992d5";

    private static (byte[] PrivateKey, byte[] PublicKey) NewKey()
    {
        ChainKey key = ChainKey.Generate();
        byte[] scalar = key.ExportPrivateKey();
        return (scalar, new EthECKey(scalar, true).GetPubKey());
    }
}
