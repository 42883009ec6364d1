using System.Security.Cryptography;
using DarkPool.Protocol.Internal;

namespace DarkPool.Enclave.Tests.Pipeline.Crypto;

/// <summary>
/// The managed AES-256-GCM the pipeline's session and journal ciphers run on: the published vectors, and the same bytes
/// as .NET's AesGcm on random keys, nonces, lengths and associated data, in place or not; refusals clear the output.
/// (Here rather than under Core/ because this change may only add tests under Pipeline/.)
/// </summary>
public sealed class Aes256GcmTests
{
    public static TheoryData<string, string, string, string, string, string> NistVectors() => new()
    {
        // McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 13 to 16 (AES-256).
        { new string('0', 64), new string('0', 24), "", "", "", "530f8afbc74536b9a963b4f1c4cb738b" },
        { new string('0', 64), new string('0', 24), new string('0', 32), "", "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919" },
        {
            "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255", "",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
            "b094dac5d93471bdec1a502270e3cc6c"
        },
        {
            "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
            "76fc6ece0f4e1768cddf8853bb2d551b"
        },
    };

    [Theory]
    [MemberData(nameof(NistVectors))]
    public void Encrypt_PublishedVectors_MatchAndDecryptBack(string key, string nonce, string plaintext, string associated, string ciphertext, string tag)
    {
        foreach (bool accelerated in new[] { true, false })
        {
            using var cipher = new Aes256Gcm(Convert.FromHexString(key), accelerated);
            byte[] p = Convert.FromHexString(plaintext);
            byte[] c = new byte[p.Length];
            byte[] t = new byte[Aes256Gcm.TagSize];
            cipher.Encrypt(Convert.FromHexString(nonce), p, c, t, Convert.FromHexString(associated));

            Assert.Equal(ciphertext, Convert.ToHexStringLower(c));
            Assert.Equal(tag, Convert.ToHexStringLower(t));
            byte[] back = new byte[c.Length];
            Assert.True(cipher.TryDecrypt(Convert.FromHexString(nonce), c, t, back, Convert.FromHexString(associated)));
            Assert.Equal(p, back);
        }
    }

    [Fact]
    public void Encrypt_RandomInputs_SameBytesAsDotNetAesGcm_AndDecryptsWhatAesGcmSealed()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 2_000; trial++)
        {
            byte[] key = Bytes(random, Aes256Gcm.KeySize);
            byte[] nonce = Bytes(random, Aes256Gcm.NonceSize);
            byte[] plaintext = Bytes(random, trial < 300 ? trial : random.Next(0, 2_000));
            byte[] associated = Bytes(random, random.Next(0, 130));
            using var reference = new AesGcm(key, Aes256Gcm.TagSize);
            using var cipher = new Aes256Gcm(key);
            byte[] expected = new byte[plaintext.Length];
            byte[] expectedTag = new byte[Aes256Gcm.TagSize];
            reference.Encrypt(nonce, plaintext, expected, expectedTag, associated);

            byte[] actual = new byte[plaintext.Length];
            byte[] actualTag = new byte[Aes256Gcm.TagSize];
            cipher.Encrypt(nonce, plaintext, actual, actualTag, associated);
            Assert.Equal(expected, actual);
            Assert.Equal(expectedTag, actualTag);

            byte[] opened = new byte[plaintext.Length];
            Assert.True(cipher.TryDecrypt(nonce, expected, expectedTag, opened, associated));
            Assert.Equal(plaintext, opened);
        }
    }

    [Fact]
    public void EncryptAndDecrypt_InPlace_SameAsSeparateBuffers()
    {
        var random = new Random(6);
        foreach (int length in new[] { 0, 1, 15, 16, 17, 63, 64, 65, 256, 305, 1_024 })
        {
            byte[] key = Bytes(random, Aes256Gcm.KeySize);
            byte[] nonce = Bytes(random, Aes256Gcm.NonceSize);
            byte[] plaintext = Bytes(random, length);
            byte[] associated = Bytes(random, 52);
            using var reference = new AesGcm(key, Aes256Gcm.TagSize);
            using var cipher = new Aes256Gcm(key);
            byte[] expected = new byte[length];
            byte[] expectedTag = new byte[Aes256Gcm.TagSize];
            reference.Encrypt(nonce, plaintext, expected, expectedTag, associated);

            byte[] buffer = (byte[])plaintext.Clone();
            byte[] tag = new byte[Aes256Gcm.TagSize];
            cipher.Encrypt(nonce, buffer, buffer, tag, associated);
            Assert.Equal(expected, buffer);
            Assert.Equal(expectedTag, tag);
            Assert.True(cipher.TryDecrypt(nonce, buffer, tag, buffer, associated));
            Assert.Equal(plaintext, buffer);
        }
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("tag")]
    [InlineData("associated")]
    [InlineData("nonce")]
    public void TryDecrypt_AnyBitChanged_FalseAndThePlaintextIsCleared(string where)
    {
        var random = new Random(7);
        foreach (bool accelerated in new[] { true, false })
        {
            byte[] key = Bytes(random, Aes256Gcm.KeySize);
            byte[] nonce = Bytes(random, Aes256Gcm.NonceSize);
            byte[] plaintext = Bytes(random, 296);
            byte[] associated = Bytes(random, 40);
            using var cipher = new Aes256Gcm(key, accelerated);
            byte[] ciphertext = new byte[plaintext.Length];
            byte[] tag = new byte[Aes256Gcm.TagSize];
            cipher.Encrypt(nonce, plaintext, ciphertext, tag, associated);
            byte[] target = where switch
            {
                "ciphertext" => ciphertext,
                "tag" => tag,
                "associated" => associated,
                _ => nonce,
            };
            target[random.Next(target.Length)] ^= (byte)(1 << random.Next(8));

            byte[] output = Enumerable.Repeat((byte)0xAA, plaintext.Length).ToArray();
            Assert.False(cipher.TryDecrypt(nonce, ciphertext, tag, output, associated));
            Assert.All(output, b => Assert.Equal(0, b));

            // In place: the ciphertext buffer itself is cleared, nothing unauthenticated stays behind.
            Assert.False(cipher.TryDecrypt(nonce, ciphertext, tag, ciphertext, associated));
            Assert.All(ciphertext, b => Assert.Equal(0, b));
        }
    }

    [Fact]
    public void Arguments_WrongSizesOrPartlyOverlapping_Throw()
    {
        using var cipher = new Aes256Gcm(new byte[Aes256Gcm.KeySize]);
        byte[] buffer = new byte[64];
        byte[] tag = new byte[Aes256Gcm.TagSize];
        byte[] nonce = new byte[Aes256Gcm.NonceSize];

        Assert.Throws<ArgumentException>(() => new Aes256Gcm(new byte[16]));
        Assert.Throws<ArgumentException>(() => cipher.Encrypt(new byte[8], buffer, new byte[64], tag, []));
        Assert.Throws<ArgumentException>(() => cipher.Encrypt(nonce, buffer, new byte[63], tag, []));
        Assert.Throws<ArgumentException>(() => cipher.Encrypt(nonce, buffer, new byte[64], new byte[12], []));
        Assert.Throws<ArgumentException>(() => cipher.Encrypt(nonce, buffer.AsSpan(0, 32), buffer.AsSpan(16, 32), tag, []));
        Assert.Throws<ArgumentException>(() => cipher.TryDecrypt(nonce, buffer.AsSpan(0, 32), tag, buffer.AsSpan(1, 32), []));
    }

    private static byte[] Bytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
