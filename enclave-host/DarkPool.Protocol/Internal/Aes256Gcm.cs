using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using AesNi = System.Runtime.Intrinsics.X86.Aes;

namespace DarkPool.Protocol.Internal;

// Design:
// Why it exists: .NET's AesGcm goes through OpenSSL 3 on Linux, and for the enclave's messages (a 296-byte envelope,
// a ~300-byte journal record) the per-call cost dominates: each Encrypt or Decrypt is about five P/Invokes, each
// clearing OpenSSL's thread error queue, plus provider parameter lookups and a malloc/free, ~1.5 µs on the reference
// VM against ~0.2 µs of actual AES and GHASH. The pipeline does three to four such calls per request. This type does
// the same AES-256-GCM (NIST SP 800-38D: 96-bit nonce, J0 = nonce || 1, 32-bit counter, 128-bit tag) in managed code
// on the AES-NI and PCLMULQDQ instructions, which run in constant time: no table lookups, no secret-dependent branch.
// The output is byte-for-byte what AesGcm produces (Aes256GcmTests compares them on random inputs and checks the
// NIST vectors); on a CPU without those instructions every call goes to AesGcm instead.
//
// Layout: 15 round keys, and H to H^8 (H = AES_K(0^128)) kept byte-reversed, the form the Intel
// carry-less-multiplication white paper's GHASH works in; eight or four blocks are hashed with one reduction, and so are
// a message's last bytes (under 128, the partial block zero-padded: CryptTail) and the associated data, whose
// blocks used to be hashed one at a time, each reduction waiting for the one before: with AES_K(J0) computed first,
// that took a 321-byte journal record's decryption from ~233 to ~157 ns of CPU (best of 15 rounds). Both are secrets
// (H lets anyone forge tags) and are cleared on Dispose. Not thread-safe in the sense that Dispose races with use;
// Encrypt and Decrypt themselves only read the key state, so one instance could serve several threads, but callers
// keep one per thread as with AesGcm.
//
// Decryption authenticates while it decrypts (one pass, so it can work in place) and clears the whole plaintext
// destination when the tag does not match, as AesGcm does: nothing unauthenticated is left behind.
//
// The entry points are AggressiveOptimization: at tier 0 none of the small vector helpers is inlined and a call costs
// several microseconds, and on two busy cores tiering took seconds to replace that code (pipeline harness, A/B at load
// 2.7: 179-200k against 173-184k answers/s, replay 505-585k against 304-351k records/s). The AesGcm path is kept out of
// line: inlined, its P/Invoke made every caller set up a P/Invoke frame on each call (5% of the sequencer's time).

/// <summary>AES-256-GCM with a 12-byte nonce and a 16-byte tag, on AES-NI and PCLMULQDQ where the CPU has them.</summary>
internal sealed partial class Aes256Gcm : IDisposable
{
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;

    private readonly AesGcm? _fallback;
    private RoundKeys _keys;
    private HashKeys _hashKeys;
    private bool _disposed;

    /// <summary>A cipher under <paramref name="key"/> (32 bytes).</summary>
    public Aes256Gcm(ReadOnlySpan<byte> key)
        : this(key, IsAccelerated)
    {
    }

    /// <summary>A cipher that uses .NET's AesGcm when <paramref name="accelerated"/> is false (tests compare the two).</summary>
    internal Aes256Gcm(ReadOnlySpan<byte> key, bool accelerated)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"An AES-256 key is {KeySize} bytes.", nameof(key));
        }

        if (!accelerated || !IsAccelerated)
        {
            _fallback = new AesGcm(key, TagSize);
            return;
        }

        ExpandKey(key);
        Vector128<byte> h = ReverseBytes(EncryptBlock(Vector128<byte>.Zero));
        _hashKeys[0] = h;
        for (int i = 1; i < 8; i++)
        {
            _hashKeys[i] = Multiply(_hashKeys[i - 1], h);
        }
    }

    /// <summary>Whether this CPU runs the managed path (AES-NI, PCLMULQDQ, SSSE3); otherwise AesGcm does the work.</summary>
    public static bool IsAccelerated => AesNi.IsSupported && Pclmulqdq.IsSupported && Ssse3.IsSupported;

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (same length; the same buffer is allowed)
    /// and writes the tag over the ciphertext and <paramref name="associatedData"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckArguments(nonce, plaintext, ciphertext, tag);
        if (_fallback is not null)
        {
            FallbackEncrypt(nonce, plaintext, ciphertext, tag, associatedData);
            return;
        }

        Vector128<byte> mask = EncryptBlock(CounterBlock(nonce, 1));
        Vector128<byte> x = Hash(Vector128<byte>.Zero, associatedData);
        x = Crypt(nonce, plaintext, ciphertext, x, encrypting: true);
        FinalTag(mask, x, associatedData.Length, plaintext.Length).CopyTo(tag);
    }

    /// <summary>
    /// Authenticates and decrypts <paramref name="ciphertext"/> into <paramref name="plaintext"/> (same length; the same
    /// buffer is allowed). False when the tag does not match: <paramref name="plaintext"/> is then cleared.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryDecrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckArguments(nonce, ciphertext, plaintext, tag);
        if (_fallback is not null)
        {
            return FallbackTryDecrypt(nonce, ciphertext, tag, plaintext, associatedData);
        }

        Vector128<byte> mask = EncryptBlock(CounterBlock(nonce, 1));
        Vector128<byte> x = Hash(Vector128<byte>.Zero, associatedData);
        x = Crypt(nonce, ciphertext, plaintext, x, encrypting: false);

        // All 16 bytes compared at once, no early exit: the time does not depend on where a forged tag differs.
        if (FinalTag(mask, x, associatedData.Length, ciphertext.Length) == Vector128.Create(tag))
        {
            return true;
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return false;
    }

    /// <summary>
    /// Clears the round keys and the hash keys. Later calls throw: with the cleared state the managed path would
    /// "encrypt" under a public permutation and accept tags anyone can compute (H = 0).
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        _fallback?.Dispose();
        _keys = default;
        _hashKeys = default;
    }

    // The OpenSSL path out of line: inlined, its P/Invoke would give every caller a P/Invoke frame to set up per call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FallbackEncrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData) =>
        _fallback!.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool FallbackTryDecrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        try
        {
            _fallback!.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private static void CheckArguments(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> input, ReadOnlySpan<byte> output, ReadOnlySpan<byte> tag)
    {
        if (nonce.Length != NonceSize || tag.Length != TagSize || input.Length != output.Length
            || (input.Overlaps(output, out int offset) && offset != 0))
        {
            ThrowBadArguments();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadArguments() =>
        throw new ArgumentException("AES-GCM needs a 12-byte nonce, a 16-byte tag, and input and output of equal length that do not partly overlap.");

    /// <summary>
    /// The tag: GHASH closed with the lengths block, byte order restored, masked with <paramref name="mask"/> = AES_K(J0)
    /// (computed first, so that its AES overlaps the hashing).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Vector128<byte> FinalTag(Vector128<byte> mask, Vector128<byte> x, int associatedLength, int textLength)
    {
        // The lengths block is BE64(bits of A) || BE64(bits of C); byte-reversed, that is LE64(C) then LE64(A).
        Vector128<byte> lengths = Vector128.Create((ulong)textLength * 8, (ulong)associatedLength * 8).AsByte();
        x = Multiply(x ^ lengths, _hashKeys[0]);
        return ReverseBytes(x) ^ mask;
    }

    [InlineArray(15)]
    private struct RoundKeys
    {
        private Vector128<byte> _element;
    }

    [InlineArray(8)]
    private struct HashKeys
    {
        private Vector128<byte> _element;
    }
}
