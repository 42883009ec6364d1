using System.Security.Cryptography;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Entries;
using Nethereum.Signer;

namespace DarkPool.Chain.Tests.Entries;

/// <summary>Version 2 entries: the enclave's static entry key, one agreed secret per account (docs/SETTLEMENT.md §9).</summary>
public sealed class EntryKeyTests
{
    // The version 2 test vector of docs/SETTLEMENT.md, "Entries", computed independently in Python (hmac, and the
    // cryptography package's secp256k1 ECDH, HKDF and AES-GCM): the same inputs as the version 1 vector.
    private const string VectorSecret = "0101010101010101010101010101010101010101010101010101010101010101";
    private const string VectorRecipient = "0202020202020202020202020202020202020202020202020202020202020202";
    private const string VectorAccount = "0x3333333333333333333333333333333333333333";
    private const ulong VectorSequence = 7;
    private const string VectorScalar = "2b969a24af370700d21f7f0234145cd97cc9e31d575477d60a032befd50afae6";
    private const string VectorEntryKey = "040dd1a36e6844dc192e4889ada86b446e1802f11e600a85a0a07cf74060f14d5f7e370c7c46461c97c1085abade64b3f50b9db3517c39dfc50ceeeba2b6b30f98";
    private const string VectorEntrySha256 = "78aedc16415e77eab4dd8e81f6a97c76568c2dd4704753c187b2dcca4430662a";
    private static readonly Hash32 VectorHead = Hash32.FromBytes(Enumerable.Repeat((byte)0x44, 32).ToArray());
    private static readonly Hash32 Head = Hash32.FromBytes(Enumerable.Repeat((byte)0x5a, 32).ToArray());

    [Fact]
    public void Vector_EntryKeyAndEntryArePinned_AndTheRecipientOpensIt()
    {
        using EntryKey key = EntryKey.Derive(Convert.FromHexString(VectorSecret));
        byte[] recipientPublic = new EthECKey(Convert.FromHexString(VectorRecipient), true).GetPubKey();
        byte[] plaintext = new SettlementEntry(EthAddress.Parse(VectorAccount), VectorSequence, [EntryItem.Deposit(1, 2, 1000)]).Encode();

        byte[] entry = new byte[EntryCipher.OverheadV2 + plaintext.Length];
        Assert.Equal(entry.Length, key.Encrypt(recipientPublic, VectorSequence, VectorHead, plaintext, entry));

        // Q is k·G as an independent implementation (Nethereum/BouncyCastle) computes it from the Python scalar.
        Assert.Equal(new EthECKey(Convert.FromHexString(VectorScalar), true).GetPubKey(), key.PublicKey.ToArray());
        Assert.Equal(VectorEntryKey, Convert.ToHexStringLower(key.PublicKey));
        Assert.Equal(VectorEntrySha256, Convert.ToHexStringLower(SHA256.HashData(entry)));
        byte[] readerKey = new byte[32];
        Assert.True(EntryCipher.TryReaderKeyV2(Convert.FromHexString(VectorRecipient), key.PublicKey, VectorSequence, VectorHead, readerKey));
        Assert.True(EntryCipher.TryDecryptV2(readerKey, VectorSequence, entry, out byte[] opened, out int length));
        Assert.Equal(plaintext, opened);
        Assert.Equal(entry.Length, length);
    }

    [Fact]
    public void Encrypt_RandomKeys_OpenWithTheOpenSslEcdhOfTheLayout()
    {
        // An independent reader of the layout: the platform's ECDH (OpenSSL), HKDF and AES-GCM, not the cipher's own code.
        ECCurve curve = ECCurve.CreateFromFriendlyName("secp256k1");
        using EntryKey key = EntryKey.Derive(RandomNumberGenerator.GetBytes(32));
        byte[] q = key.PublicKey.ToArray();
        for (int i = 0; i < 6; i++)
        {
            (byte[] privateKey, byte[] publicKey) = NewKey();
            byte[] plaintext = RandomNumberGenerator.GetBytes(256 * (i + 1));
            ulong sequence = (ulong)(i * 1000 + 1);
            byte[] entry = new byte[EntryCipher.OverheadV2 + plaintext.Length];

            _ = key.Encrypt(publicKey, sequence, Head, plaintext, entry);

            using var own = ECDiffieHellman.Create(new ECParameters { Curve = curve, D = privateKey });
            using var enclave = ECDiffieHellman.Create(new ECParameters
            {
                Curve = curve,
                Q = new ECPoint { X = q.AsSpan(1, 32).ToArray(), Y = q.AsSpan(33, 32).ToArray() },
            });
            byte[] shared = own.DeriveRawSecretAgreement(enclave.PublicKey);
            byte[] sequenceBytes = BitConverter.GetBytes(sequence).Reverse().ToArray();
            byte[] entryKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [.. q, .. publicKey, .. sequenceBytes, .. Head.ToArray()], "DarkPool settlement entry v2"u8.ToArray());
            byte[] opened = new byte[plaintext.Length];
            using var gcm = new AesGcm(entryKey, 16);
            gcm.Decrypt(new byte[12], entry.AsSpan(4, plaintext.Length), entry.AsSpan(4 + plaintext.Length, 16), opened, [.. "DPSE"u8, .. sequenceBytes]);

            Assert.Equal(plaintext, opened);
            Assert.Equal(plaintext.Length, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(entry));
        }
    }

    [Fact]
    public void Encrypt_SameInputsSameBytes_OneAgreementPerAccount_OtherSequenceOtherBytes()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        using EntryKey key = EntryKey.Derive(secret);
        using EntryKey again = EntryKey.Derive(secret);
        (_, byte[] alice) = NewKey();
        (_, byte[] bob) = NewKey();
        byte[] plaintext = RandomNumberGenerator.GetBytes(256);

        byte[] first = Seal(key, alice, 4, plaintext);
        Assert.Equal(1, key.AgreedCount);
        Assert.Equal(first, Seal(key, alice, 4, plaintext));
        Assert.Equal(first, Seal(again, alice, 4, plaintext));
        Assert.Equal(1, key.AgreedCount);
        Assert.NotEqual(first, Seal(key, alice, 5, plaintext));
        Assert.NotEqual(first, Seal(key, alice, 4, Hash32.Zero, plaintext));
        Assert.NotEqual(first, Seal(key, bob, 4, plaintext));
        Assert.Equal(2, key.AgreedCount);
        Assert.Equal(again.PublicKey.ToArray(), key.PublicKey.ToArray());
        using EntryKey other = EntryKey.Derive(RandomNumberGenerator.GetBytes(32));
        Assert.NotEqual(other.PublicKey.ToArray(), key.PublicKey.ToArray());
    }

    [Fact]
    public void TryDecryptV2_OtherKeyOrSequenceOrTamperedByte_Refused()
    {
        using EntryKey key = EntryKey.Derive(RandomNumberGenerator.GetBytes(32));
        (byte[] recipientPrivate, byte[] recipientPublic) = NewKey();
        (byte[] otherPrivate, _) = NewKey();
        byte[] entry = Seal(key, recipientPublic, 1, new byte[256]);

        Assert.False(EntryCipher.TryDecryptV2(ReaderKey(otherPrivate, key, 1), 1, entry, out _, out int length));
        Assert.Equal(entry.Length, length);
        Assert.False(EntryCipher.TryDecryptV2(ReaderKey(recipientPrivate, key, 2), 2, entry, out _, out _));
        Assert.False(EntryCipher.TryDecryptV2(ReaderKey(recipientPrivate, key, 1), 2, entry, out _, out _));
        Assert.False(EntryCipher.TryDecryptV2(ReaderKey(recipientPrivate, key, 1, Hash32.Zero), 1, entry, out _, out _));
        for (int i = 0; i < entry.Length; i += 13)
        {
            byte[] tampered = (byte[])entry.Clone();
            tampered[i] ^= 0x01;
            Assert.False(EntryCipher.TryDecryptV2(ReaderKey(recipientPrivate, key, 1), 1, tampered, out byte[] nothing, out _));
            Assert.Empty(nothing);
        }

        Assert.False(EntryCipher.TryDecryptV2(ReaderKey(recipientPrivate, key, 1), 1, entry.AsSpan(0, 19), out _, out int shortLength));
        Assert.Equal(0, shortLength);
        Assert.False(EntryCipher.TryDecryptV2(new byte[31], 1, entry, out _, out _));
        Assert.True(EntryCipher.TryDecryptV2(ReaderKey(recipientPrivate, key, 1), 1, entry, out byte[] opened, out _));
        Assert.Equal(new byte[256], opened);
    }

    [Fact]
    public void TryReaderKeyV2_EntryKeyOffTheCurveOrPrivateKeyNotAScalar_False()
    {
        using EntryKey key = EntryKey.Derive(RandomNumberGenerator.GetBytes(32));
        (byte[] privateKey, _) = NewKey();
        byte[] offCurve = key.PublicKey.ToArray();
        offCurve[64] ^= 1;
        byte[] order = Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
        byte[] readerKey = new byte[32];

        byte[] hybrid = key.PublicKey.ToArray();
        hybrid[0] = (byte)(0x06 | (hybrid[64] & 1));
        byte[] compressed = [(byte)(0x02 | (key.PublicKey[64] & 1)), .. key.PublicKey[1..33]];

        foreach (byte[] badPoint in new[] { offCurve, hybrid, compressed, key.PublicKey[..64].ToArray(), new byte[65] })
        {
            Assert.False(EntryCipher.TryReaderKeyV2(privateKey, badPoint, 1, Head, readerKey));
        }

        foreach (byte[] badScalar in new[] { new byte[32], order, privateKey[..31], [.. privateKey, 0] })
        {
            Assert.False(EntryCipher.TryReaderKeyV2(badScalar, key.PublicKey, 1, Head, readerKey));
        }

        Assert.False(EntryCipher.TryReaderKeyV2(privateKey, key.PublicKey, 1, Head, new byte[16]));
        Assert.Equal(new byte[32], readerKey);
        Assert.True(EntryCipher.TryReaderKeyV2(privateKey, key.PublicKey, 1, Head, readerKey));
    }

    [Fact]
    public void Encrypt_RecipientKeyNotAnUncompressedCurvePointOrShortDestination_ArgumentException_NothingWrittenOrKept()
    {
        using EntryKey key = EntryKey.Derive(RandomNumberGenerator.GetBytes(32));
        (_, byte[] publicKey) = NewKey();
        byte[] offCurve = (byte[])publicKey.Clone();
        offCurve[64] ^= 0x01;
        byte[] compressed = [(byte)(0x02 | (publicKey[64] & 1)), .. publicKey.AsSpan(1, 32)];
        byte[] hybrid = (byte[])publicKey.Clone();
        hybrid[0] = (byte)(0x06 | (publicKey[64] & 1));
        byte[] destination = new byte[EntryCipher.OverheadV2 + 256];

        foreach (byte[] bad in new[] { offCurve, compressed, hybrid, new byte[65], publicKey[..64], [.. publicKey, 0], [] })
        {
            Assert.Throws<ArgumentException>(() => key.Encrypt(bad, 1, Head, new byte[256], destination));
        }

        Assert.Throws<ArgumentException>(() => key.Encrypt(publicKey, 1, Head, new byte[256], destination.AsSpan(0, destination.Length - 1)));
        Assert.Equal(new byte[destination.Length], destination);
        Assert.Equal(0, key.AgreedCount);
    }

    [Fact]
    public void Dispose_ThenEncrypt_ObjectDisposedException()
    {
        var key = EntryKey.Derive(RandomNumberGenerator.GetBytes(32));
        (_, byte[] publicKey) = NewKey();
        _ = Seal(key, publicKey, 1, new byte[256]);

        key.Dispose();
        key.Dispose();

        Assert.Equal(0, key.AgreedCount);
        Assert.Throws<ObjectDisposedException>(() => Seal(key, publicKey, 1, new byte[256]));
    }

    [Fact]
    public void OpenMine_Version2_EachAccountOpensOnlyItsOwn_Version1StillOpens()
    {
        using EntryKey key = EntryKey.Derive(RandomNumberGenerator.GetBytes(32));
        ChainKey alice = ChainKey.Generate();
        ChainKey bob = ChainKey.Generate();
        byte[] ciphertext = BatchCiphertext.JoinV2(key.PublicKey,
        [
            Seal(key, PublicKeyOf(alice), 3, new SettlementEntry(alice.Address, 3, [EntryItem.Deposit(1, 1, 100)]).Encode()),
            Seal(key, PublicKeyOf(bob), 3, new SettlementEntry(bob.Address, 3, [EntryItem.Deposit(2, 2, 200)]).Encode()),
        ]);

        Assert.Equal(2, ciphertext[4]);
        SettlementEntry mine = Assert.Single(BatchCiphertext.OpenMine(ciphertext, 3, Head, alice.ExportPrivateKey()));
        SettlementEntry his = Assert.Single(BatchCiphertext.OpenMine(ciphertext, 3, Head, bob.ExportPrivateKey()));
        Assert.Equal(alice.Address, mine.Account);
        Assert.Equal(100, Assert.Single(mine.Items).Quantity);
        Assert.Equal(bob.Address, his.Account);
        Assert.Equal(200, Assert.Single(his.Items).Quantity);
        Assert.Empty(BatchCiphertext.OpenMine(ciphertext, 3, Head, ChainKey.Generate().ExportPrivateKey()));
        Assert.Empty(BatchCiphertext.OpenMine(ciphertext, 4, Head, alice.ExportPrivateKey()));
        Assert.Empty(BatchCiphertext.OpenMine(ciphertext, 3, Hash32.Zero, alice.ExportPrivateKey()));
        Assert.Empty(BatchCiphertext.OpenMine(ciphertext, 3, Head, new byte[32]));
        Assert.Empty(BatchCiphertext.OpenMine(ciphertext, 3, Head, alice.ExportPrivateKey()[..31]));
        Assert.Empty(BatchCiphertext.OpenMine(ciphertext, 3, Head, []));

        // Without the journal head a version 2 batch cannot be opened: refused, not silently empty.
        Assert.Throws<BatchFormatException>(() => BatchCiphertext.OpenMine(ciphertext, 3, alice.ExportPrivateKey()));

        byte[] version1 = BatchCiphertext.Join([EntryCipher.Encrypt(EntryCipher.DeriveEphemeral([5], 3, alice.Address), PublicKeyOf(alice), 3,
            new SettlementEntry(alice.Address, 3, [EntryItem.Deposit(1, 1, 100)]).Encode())]);
        Assert.Equal(mine.Encode(), Assert.Single(BatchCiphertext.OpenMine(version1, 3, alice.ExportPrivateKey())).Encode());
        Assert.Equal(mine.Encode(), Assert.Single(BatchCiphertext.OpenMine(version1, 3, Head, alice.ExportPrivateKey())).Encode());
    }

    [Fact]
    public void Encrypt_KeyAndItsNegation_DifferentKeys_TheNegationsHolderOpensNothingOfTheVictims()
    {
        // P and −P share their x coordinate, so x(k·P) = x(k·(−P)): the recipient's key in the salt keeps their keys
        // apart (a host registering −P for an account of its own must learn nothing of P's entries).
        using EntryKey key = EntryKey.Derive(RandomNumberGenerator.GetBytes(32));
        ChainKey victim = ChainKey.Generate();
        byte[] victimPrivate = victim.ExportPrivateKey();
        byte[] negatedPrivate = Negate(victimPrivate);
        byte[] victimPublic = PublicKeyOf(victim);
        byte[] negatedPublic = new EthECKey(negatedPrivate, true).GetPubKey();
        Assert.Equal(victimPublic[1..33], negatedPublic[1..33]);
        Assert.NotEqual(victimPublic, negatedPublic);
        byte[] plaintext = new byte[256];

        byte[] toVictim = Seal(key, victimPublic, 9, plaintext);
        byte[] toNegated = Seal(key, negatedPublic, 9, plaintext);

        Assert.NotEqual(toVictim, toNegated);
        Assert.NotEqual(ReaderKey(victimPrivate, key, 9), ReaderKey(negatedPrivate, key, 9));
        Assert.False(EntryCipher.TryDecryptV2(ReaderKey(negatedPrivate, key, 9), 9, toVictim, out _, out _));
        Assert.True(EntryCipher.TryDecryptV2(ReaderKey(negatedPrivate, key, 9), 9, toNegated, out _, out _));
        Assert.True(EntryCipher.TryDecryptV2(ReaderKey(victimPrivate, key, 9), 9, toVictim, out _, out _));
    }

    [Fact]
    public void OpenMine_Version2Malformed_BatchFormatException()
    {
        using EntryKey key = EntryKey.Derive(RandomNumberGenerator.GetBytes(32));
        ChainKey alice = ChainKey.Generate();
        byte[] ciphertext = BatchCiphertext.JoinV2(key.PublicKey,
            [Seal(key, PublicKeyOf(alice), 1, new SettlementEntry(alice.Address, 1, [EntryItem.Withdrawal(1, 1)]).Encode())]);
        byte[] offCurve = (byte[])ciphertext.Clone();
        offCurve[5 + 64] ^= 1;
        byte[] version3 = (byte[])ciphertext.Clone();
        version3[4] = 3;
        byte[] moreEntries = (byte[])ciphertext.Clone();
        moreEntries[5 + 65 + 3] = 2;
        byte[] negativeCount = (byte[])ciphertext.Clone();
        negativeCount[5 + 65] = 0x80;
        byte[] negativeCountNoBody = negativeCount[..74];
        byte[] negativeLength = (byte[])ciphertext.Clone();
        negativeLength[74] = 0xff;
        byte[] longLength = (byte[])ciphertext.Clone();
        longLength[75] = 0x7f;

        foreach (byte[] bad in new[] { ciphertext[..^1], [.. ciphertext, 0], ciphertext[..60], ciphertext[..73], offCurve, version3, moreEntries,
            negativeCount, negativeCountNoBody, negativeLength, longLength })
        {
            Assert.Throws<BatchFormatException>(() => BatchCiphertext.OpenMine(bad, 1, Head, alice.ExportPrivateKey()));
            Assert.Throws<BatchFormatException>(() => BatchCiphertext.OpenMine(bad, 1, Head, []));
        }

        Assert.Empty(BatchCiphertext.OpenMine(BatchCiphertext.JoinV2(key.PublicKey, []), 1, Head, alice.ExportPrivateKey()));
        Assert.Single(BatchCiphertext.OpenMine(ciphertext, 1, Head, alice.ExportPrivateKey()));
    }

    private static byte[] Seal(EntryKey key, byte[] recipientPublicKey, ulong sequence, byte[] plaintext) => Seal(key, recipientPublicKey, sequence, Head, plaintext);

    private static byte[] Seal(EntryKey key, byte[] recipientPublicKey, ulong sequence, Hash32 head, byte[] plaintext)
    {
        byte[] entry = new byte[EntryCipher.OverheadV2 + plaintext.Length];
        _ = key.Encrypt(recipientPublicKey, sequence, head, plaintext, entry);
        return entry;
    }

    private static byte[] ReaderKey(byte[] privateKey, EntryKey key, ulong sequence) => ReaderKey(privateKey, key, sequence, Head);

    private static byte[] ReaderKey(byte[] privateKey, EntryKey key, ulong sequence, Hash32 head)
    {
        byte[] readerKey = new byte[32];
        Assert.True(EntryCipher.TryReaderKeyV2(privateKey, key.PublicKey, sequence, head, readerKey));
        return readerKey;
    }

    /// <summary>n − d: the private key of −P.</summary>
    private static byte[] Negate(byte[] privateKey)
    {
        var n = System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        var d = new System.Numerics.BigInteger(privateKey, isUnsigned: true, isBigEndian: true);
        byte[] negated = (n - d).ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[32 - negated.Length], .. negated];
    }

    private static byte[] PublicKeyOf(ChainKey account) => new EthECKey(account.ExportPrivateKey(), true).GetPubKey();

    private static (byte[] PrivateKey, byte[] PublicKey) NewKey()
    {
        ChainKey key = ChainKey.Generate();
        byte[] scalar = key.ExportPrivateKey();
        return (scalar, PublicKeyOf(key));
    }
}
