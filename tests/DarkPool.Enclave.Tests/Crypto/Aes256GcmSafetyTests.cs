using System.Reflection;
using System.Runtime.InteropServices;
using DarkPool.Protocol.Internal;

namespace DarkPool.Enclave.Tests.Crypto;

/// <summary>
/// What <see cref="Aes256Gcm"/> must do besides computing the right bytes: clear its key state on Dispose and refuse to
/// work afterwards (a disposed managed cipher holds all-zero round keys and H = 0, under which "encryption" is a public
/// permutation and any tag can be forged), and refuse malformed arguments on both paths.
/// </summary>
public sealed class Aes256GcmSafetyTests
{
    [Fact]
    public void Dispose_ManagedPath_RoundKeysAndHashKeysCleared_WithoutAesNiNeverFilled()
    {
        byte[] key = new byte[Aes256Gcm.KeySize];
        new Random(31).NextBytes(key);
        var cipher = new Aes256Gcm(key, accelerated: true);
        if (!Aes256Gcm.IsAccelerated)
        {
            // No AES-NI or PCLMULQDQ (or DOTNET_EnableAES=0): the managed state is never filled, AesGcm does the work.
            Assert.DoesNotContain(KeyState(cipher, "_keys"), b => b != 0);
            Assert.DoesNotContain(KeyState(cipher, "_hashKeys"), b => b != 0);
            cipher.Dispose();
            return;
        }

        Assert.Contains(KeyState(cipher, "_keys"), b => b != 0);
        Assert.Contains(KeyState(cipher, "_hashKeys"), b => b != 0);

        cipher.Dispose();

        Assert.DoesNotContain(KeyState(cipher, "_keys"), b => b != 0);
        Assert.DoesNotContain(KeyState(cipher, "_hashKeys"), b => b != 0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Encrypt_AfterDispose_ThrowsObjectDisposed(bool accelerated)
    {
        var cipher = new Aes256Gcm(new byte[Aes256Gcm.KeySize], accelerated);
        cipher.Dispose();
        byte[] plaintext = new byte[40];
        Assert.Throws<ObjectDisposedException>(() => cipher.Encrypt(new byte[Aes256Gcm.NonceSize], plaintext, new byte[40], new byte[Aes256Gcm.TagSize], []));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TryDecrypt_AfterDispose_ThrowsObjectDisposed(bool accelerated)
    {
        var cipher = new Aes256Gcm(new byte[Aes256Gcm.KeySize], accelerated);
        cipher.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cipher.TryDecrypt(new byte[Aes256Gcm.NonceSize], new byte[40], new byte[Aes256Gcm.TagSize], new byte[40], []));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Dispose_Twice_NoError(bool accelerated)
    {
        var cipher = new Aes256Gcm(new byte[Aes256Gcm.KeySize], accelerated);
        cipher.Dispose();
        cipher.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cipher.Encrypt(new byte[Aes256Gcm.NonceSize], [], [], new byte[Aes256Gcm.TagSize], []));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TryDecrypt_MalformedArguments_ThrowArgumentException(bool accelerated)
    {
        using var cipher = new Aes256Gcm(new byte[Aes256Gcm.KeySize], accelerated);
        byte[] buffer = new byte[64];
        byte[] tag = new byte[Aes256Gcm.TagSize];
        byte[] nonce = new byte[Aes256Gcm.NonceSize];

        Assert.Throws<ArgumentException>(() => cipher.TryDecrypt(new byte[11], buffer, tag, new byte[64], []));
        Assert.Throws<ArgumentException>(() => cipher.TryDecrypt(new byte[13], buffer, tag, new byte[64], []));
        Assert.Throws<ArgumentException>(() => cipher.TryDecrypt(nonce, buffer, new byte[15], new byte[64], []));
        Assert.Throws<ArgumentException>(() => cipher.TryDecrypt(nonce, buffer, new byte[17], new byte[64], []));
        Assert.Throws<ArgumentException>(() => cipher.TryDecrypt(nonce, buffer, tag, new byte[65], []));
        Assert.Throws<ArgumentException>(() => cipher.TryDecrypt(nonce, buffer.AsSpan(16, 32), tag, buffer.AsSpan(0, 32), []));
        Assert.Throws<ArgumentException>(() => cipher.Encrypt(nonce, buffer.AsSpan(0, 32), buffer.AsSpan(1, 32), tag, []));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Constructor_KeyNot32Bytes_ThrowsArgumentException(int length)
    {
        Assert.Throws<ArgumentException>(() => new Aes256Gcm(new byte[length], accelerated: true));
        Assert.Throws<ArgumentException>(() => new Aes256Gcm(new byte[length], accelerated: false));
    }

    /// <summary>The bytes of one of the cipher's private inline-array fields (the key schedule or the powers of H).</summary>
    private static byte[] KeyState(Aes256Gcm cipher, string fieldName)
    {
        FieldInfo field = typeof(Aes256Gcm).GetField(fieldName, BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"Aes256Gcm has no field {fieldName}.");
        MethodInfo bytesOf = typeof(Aes256GcmSafetyTests).GetMethod(nameof(BytesOf), BindingFlags.Static | BindingFlags.NonPublic)!
            .MakeGenericMethod(field.FieldType);
        return (byte[])bytesOf.Invoke(null, [field.GetValue(cipher)])!;
    }

    private static byte[] BytesOf<T>(object boxed)
        where T : struct
    {
        T value = (T)boxed;
        return MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref value, 1)).ToArray();
    }
}
