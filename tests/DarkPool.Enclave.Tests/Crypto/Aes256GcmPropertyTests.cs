using System.Security.Cryptography;
using CsCheck;
using DarkPool.Protocol.Internal;

namespace DarkPool.Enclave.Tests.Crypto;

/// <summary>
/// <see cref="Aes256Gcm"/> against .NET's AesGcm (OpenSSL) on random keys, nonces, plaintexts and associated data, on the
/// managed path and on the forced fallback: the same ciphertext and tag, each opens what the other sealed, and changing
/// any one byte of ciphertext, tag, associated data or nonce makes opening fail with the output cleared.
/// </summary>
public sealed class Aes256GcmPropertyTests
{
    /// <summary>
    /// Lengths around every boundary the code has: the 16-byte block, the 4-block and 8-block loops (64, 128), a 296-byte
    /// envelope, and more than 256 blocks, where the big-endian counter's low byte carries into the next one.
    /// </summary>
    private static readonly int[] EdgeLengths = [0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 79, 80, 127, 128, 129, 143, 191, 192, 255, 256, 257, 296, 1000, 1024, 1039, 4095, 4096, 4097, 4127, 5000];

    private static readonly Gen<int> TextLength = Gen.Frequency((3, Gen.OneOf(EdgeLengths)), (2, Gen.Int[0, 1_100]), (1, Gen.Int[1_100, 6_000]));

    private static readonly Gen<int> AssociatedLength = Gen.Frequency((3, Gen.OneOf(0, 1, 15, 16, 17, 20, 31, 32, 40, 52, 63, 64, 65, 90, 128, 129)), (1, Gen.Int[0, 300]));

    private static readonly Gen<Case> Cases = Gen.Select(
        Gen.Byte.Array[Aes256Gcm.KeySize], Gen.Byte.Array[Aes256Gcm.NonceSize], TextLength.SelectMany(n => Gen.Byte.Array[n]), AssociatedLength.SelectMany(n => Gen.Byte.Array[n]),
        (key, nonce, plaintext, associated) => new Case(key, nonce, plaintext, associated));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Encrypt_RandomInputs_SameCiphertextAndTagAsAesGcm(bool accelerated) =>
        Cases.Sample(
            c =>
            {
                (byte[] expected, byte[] expectedTag) = ReferenceSeal(c);
                using var cipher = new Aes256Gcm(c.Key, accelerated);
                byte[] actual = new byte[c.Plaintext.Length];
                byte[] tag = new byte[Aes256Gcm.TagSize];
                cipher.Encrypt(c.Nonce, c.Plaintext, actual, tag, c.Associated);
                Assert.Equal(expected, actual);
                Assert.Equal(expectedTag, tag);

                byte[] inPlace = (byte[])c.Plaintext.Clone();
                cipher.Encrypt(c.Nonce, inPlace, inPlace, tag, c.Associated);
                Assert.Equal(expected, inPlace);
                Assert.Equal(expectedTag, tag);
            },
            iter: 400);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TryDecrypt_WhatAesGcmSealed_OpensSeparatelyAndInPlace(bool accelerated) =>
        Cases.Sample(
            c =>
            {
                (byte[] sealedBytes, byte[] tag) = ReferenceSeal(c);
                using var cipher = new Aes256Gcm(c.Key, accelerated);
                byte[] opened = new byte[sealedBytes.Length];
                Assert.True(cipher.TryDecrypt(c.Nonce, sealedBytes, tag, opened, c.Associated));
                Assert.Equal(c.Plaintext, opened);

                Assert.True(cipher.TryDecrypt(c.Nonce, sealedBytes, tag, sealedBytes, c.Associated));
                Assert.Equal(c.Plaintext, sealedBytes);
            },
            iter: 400);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TryDecrypt_AnyOneByteChanged_FalseAndOutputCleared(bool accelerated) =>
        Gen.Select(Cases, Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte[1, 255]).Sample(
            t =>
            {
                (Case c, int where, int position, byte flip) = t;
                (byte[] ciphertext, byte[] tag) = ReferenceSeal(c);
                byte[] nonce = (byte[])c.Nonce.Clone();
                byte[] associated = (byte[])c.Associated.Clone();
                byte[] target = where switch
                {
                    0 when ciphertext.Length > 0 => ciphertext,
                    1 => tag,
                    2 when associated.Length > 0 => associated,
                    3 => nonce,
                    _ => tag,
                };
                target[position % target.Length] ^= flip;

                using var cipher = new Aes256Gcm(c.Key, accelerated);
                byte[] output = new byte[ciphertext.Length];
                output.AsSpan().Fill(0xA5);
                Assert.False(cipher.TryDecrypt(nonce, ciphertext, tag, output, associated));
                Assert.DoesNotContain(output, b => b != 0);

                Assert.False(cipher.TryDecrypt(nonce, ciphertext, tag, ciphertext, associated));
                Assert.DoesNotContain(ciphertext, b => b != 0);
            },
            iter: 400);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TryDecrypt_EveryByteFlippedInTurn_False(bool accelerated)
    {
        // Every position of an envelope-shaped message (40-byte header as associated data, a 217-byte body: 128 + 64 + 16
        // + 9, so the 8-, 4- and 1-block loops and a partial block), of its tag and of its nonce, one at a time.
        var random = new Random(24);
        byte[] key = RandomBytes(random, Aes256Gcm.KeySize);
        byte[] nonce = RandomBytes(random, Aes256Gcm.NonceSize);
        byte[] associated = RandomBytes(random, 40);
        byte[] plaintext = RandomBytes(random, 217);
        using var cipher = new Aes256Gcm(key, accelerated);
        byte[] ciphertext = new byte[plaintext.Length];
        byte[] tag = new byte[Aes256Gcm.TagSize];
        cipher.Encrypt(nonce, plaintext, ciphertext, tag, associated);
        byte[] output = new byte[plaintext.Length];
        int refused = 0;
        foreach (byte[] part in new[] { ciphertext, tag, associated, nonce })
        {
            for (int i = 0; i < part.Length; i++)
            {
                part[i] ^= 0x01;
                refused += cipher.TryDecrypt(nonce, ciphertext, tag, output, associated) ? 0 : 1;
                part[i] ^= 0x01;
            }
        }

        Assert.Equal(ciphertext.Length + tag.Length + associated.Length + nonce.Length, refused);
        Assert.True(cipher.TryDecrypt(nonce, ciphertext, tag, output, associated));
        Assert.Equal(plaintext, output);
    }

    [Fact]
    public void TryDecrypt_AssociatedDataLongerOrShorter_False()
    {
        // The lengths block carries the associated data's length: a zero byte appended (the same padded GHASH input)
        // must not verify.
        var random = new Random(21);
        foreach (int length in new[] { 0, 1, 15, 16, 17, 40 })
        {
            foreach (bool accelerated in new[] { true, false })
            {
                byte[] key = RandomBytes(random, Aes256Gcm.KeySize);
                byte[] nonce = RandomBytes(random, Aes256Gcm.NonceSize);
                byte[] associated = RandomBytes(random, length);
                byte[] plaintext = RandomBytes(random, 40);
                using var cipher = new Aes256Gcm(key, accelerated);
                byte[] ciphertext = new byte[plaintext.Length];
                byte[] tag = new byte[Aes256Gcm.TagSize];
                cipher.Encrypt(nonce, plaintext, ciphertext, tag, associated);
                byte[] output = new byte[ciphertext.Length];

                Assert.False(cipher.TryDecrypt(nonce, ciphertext, tag, output, [.. associated, 0]));
                if (length > 0)
                {
                    Assert.False(cipher.TryDecrypt(nonce, ciphertext, tag, output, associated.AsSpan(0, length - 1)));
                }

                Assert.True(cipher.TryDecrypt(nonce, ciphertext, tag, output, associated));
                Assert.Equal(plaintext, output);
            }
        }
    }

    [Fact]
    public void Encrypt_OverAMebibyte_SameAsAesGcm()
    {
        // 65,538 blocks: the 32-bit counter carries out of its two low bytes (into byte 13 of the counter block).
        var random = new Random(22);
        byte[] key = RandomBytes(random, Aes256Gcm.KeySize);
        byte[] nonce = RandomBytes(random, Aes256Gcm.NonceSize);
        byte[] plaintext = RandomBytes(random, (65_538 * 16) + 5);
        byte[] associated = RandomBytes(random, 33);
        (byte[] expected, byte[] expectedTag) = ReferenceSeal(new Case(key, nonce, plaintext, associated));
        using var cipher = new Aes256Gcm(key, accelerated: true);
        byte[] actual = new byte[plaintext.Length];
        byte[] tag = new byte[Aes256Gcm.TagSize];
        cipher.Encrypt(nonce, plaintext, actual, tag, associated);
        Assert.True(expected.AsSpan().SequenceEqual(actual));
        Assert.Equal(expectedTag, tag);
        Assert.True(cipher.TryDecrypt(nonce, expected, expectedTag, actual, associated));
        Assert.True(plaintext.AsSpan().SequenceEqual(actual));
    }

    [Fact]
    public void EncryptAndTryDecrypt_OneInstanceOnFourThreads_SameAsAesGcm()
    {
        // The type's design note says Encrypt and TryDecrypt only read the key state; callers keep one per thread anyway.
        byte[] key = RandomBytes(new Random(23), Aes256Gcm.KeySize);
        using var cipher = new Aes256Gcm(key, accelerated: true);
        int failures = 0;
        _ = Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            var random = new Random(100 + worker);
            using var reference = new AesGcm(key, Aes256Gcm.TagSize);
            for (int i = 0; i < 500; i++)
            {
                byte[] nonce = RandomBytes(random, Aes256Gcm.NonceSize);
                byte[] plaintext = RandomBytes(random, random.Next(0, 600));
                byte[] associated = RandomBytes(random, random.Next(0, 60));
                byte[] expected = new byte[plaintext.Length];
                byte[] expectedTag = new byte[Aes256Gcm.TagSize];
                reference.Encrypt(nonce, plaintext, expected, expectedTag, associated);
                byte[] actual = new byte[plaintext.Length];
                byte[] tag = new byte[Aes256Gcm.TagSize];
                cipher.Encrypt(nonce, plaintext, actual, tag, associated);
                byte[] opened = new byte[plaintext.Length];
                if (!expected.AsSpan().SequenceEqual(actual) || !expectedTag.AsSpan().SequenceEqual(tag)
                    || !cipher.TryDecrypt(nonce, actual, tag, opened, associated) || !plaintext.AsSpan().SequenceEqual(opened))
                {
                    _ = Interlocked.Increment(ref failures);
                }
            }
        });
        Assert.Equal(0, failures);
    }

    private static (byte[] Ciphertext, byte[] Tag) ReferenceSeal(Case c)
    {
        using var reference = new AesGcm(c.Key, Aes256Gcm.TagSize);
        byte[] ciphertext = new byte[c.Plaintext.Length];
        byte[] tag = new byte[Aes256Gcm.TagSize];
        reference.Encrypt(c.Nonce, c.Plaintext, ciphertext, tag, c.Associated);
        return (ciphertext, tag);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    public sealed record Case(byte[] Key, byte[] Nonce, byte[] Plaintext, byte[] Associated)
    {
        public override string ToString() =>
            $"key {Convert.ToHexString(Key)} nonce {Convert.ToHexString(Nonce)} plaintext {Plaintext.Length} bytes {Convert.ToHexString(Plaintext)} associated {Convert.ToHexString(Associated)}";
    }
}
