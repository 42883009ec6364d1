using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using NBitcoin.Secp256k1;

namespace DarkPool.Chain.Entries;

// Design:
// Version 1 entries cost two scalar multiplications each (e·G and e·P, ~0.3 ms together in the managed constant-time
// code), for every account in every batch: at a batch a second with 512 active accounts, 15% of a core on the signing
// thread, and a reader paid one multiplication per entry it tried. Version 2 agrees one secret per account with a static
// key instead (S = x(k·P), computed once per account and kept), so an entry costs an HKDF and an AES-GCM: a few
// microseconds. Whoever holds the enclave secret could open every version 1 entry too (e was derived from it, for
// determinism). Keys differ per account and batch: the recipient's key P is in the derivation (S is an x coordinate,
// which P and −P share: without P, an account registered with −P would get its victim's keys), and so are the batch
// sequence and its anchored journal head; signing a batch again gives the same bytes. docs/SETTLEMENT.md §9.

/// <summary>
/// The enclave's static key for version 2 settlement entries (<see cref="EntryCipher"/>): the scalar k, its public key
/// Q = k·G (carried once in every version 2 batch), and the secret agreed with each account's key, x(k·P), computed on
/// first use and kept (at most <see cref="MaxAgreed"/>; past that the kept ones are cleared and computed again as
/// needed). Calls are serialised by a lock, so <see cref="Dispose"/> never clears what an encryption is using.
/// </summary>
public sealed class EntryKey : IDisposable
{
    private readonly ECPrivKey _scalar;
    private readonly byte[] _publicKey = new byte[EntryCipher.PublicKeySize];
    private readonly Dictionary<byte[], byte[]> _agreed = new(PublicKeyComparer.Instance);
    private readonly Lock _gate = new();
    private bool _disposed;

    private EntryKey(ECPrivKey scalar)
    {
        _scalar = scalar;
        scalar.CreatePubKey().WriteToSpan(false, _publicKey, out _);
    }

    /// <summary>How many accounts' agreed secrets are kept at most (about 13 MB with the keys they are kept by).</summary>
    public const int MaxAgreed = 131_072;

    /// <summary>Q, SEC1 uncompressed (65 bytes): what a reader multiplies by its own private key.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>How many accounts' agreed secrets are kept.</summary>
    public int AgreedCount
    {
        get
        {
            lock (_gate)
            {
                return _agreed.Count;
            }
        }
    }

    /// <summary>
    /// k = HMAC-SHA256(key = <paramref name="secret"/>, "DarkPool entry key v2"), hashed again with the same key while it
    /// is not a valid scalar (zero or not below the curve order): the same secret gives the same key.
    /// </summary>
    public static EntryKey Derive(ReadOnlySpan<byte> secret)
    {
        byte[] scalar = EntryCipher.DeriveScalar(secret, "DarkPool entry key v2"u8);
        try
        {
            return Context.Instance.TryCreateECPrivKey(scalar, out ECPrivKey? key)
                ? new EntryKey(key)
                : throw new CryptographicException("The entry key is not a secp256k1 scalar.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> for the holder of <paramref name="recipientPublicKey"/> as a version 2 entry
    /// of batch <paramref name="sequence"/> anchoring <paramref name="journalHead"/> into the first <see cref="EntryCipher.OverheadV2"/> + plaintext length bytes of
    /// <paramref name="destination"/>, and returns that length. The key is checked before anything is written.
    /// </summary>
    /// <exception cref="ArgumentException">The recipient key is not an uncompressed point on the curve, or <paramref name="destination"/> is too short.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public int Encrypt(ReadOnlySpan<byte> recipientPublicKey, ulong sequence, Hash32 journalHead, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        int length = EntryCipher.OverheadV2 + plaintext.Length;
        Span<byte> key = stackalloc byte[32];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (destination.Length < length)
            {
                throw new ArgumentException($"An entry of {plaintext.Length} plaintext bytes takes {length} bytes.", nameof(destination));
            }

            EntryCipher.DeriveKeyV2(Agreed(recipientPublicKey), _publicKey, recipientPublicKey, sequence, journalHead, key);
        }

        try
        {
            EntryCipher.SealV2(key, sequence, plaintext, destination[..length]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return length;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            ForgetAgreed();
            _scalar.Dispose();
        }
    }

    /// <summary>
    /// x(k·P) for the recipient, computed on first use; under the lock. The multiplication is libsecp256k1's constant-time
    /// one (k is secret); NBitcoin then normalises the product with variable-time field code, as version 1's did.
    /// </summary>
    private byte[] Agreed(ReadOnlySpan<byte> recipientPublicKey)
    {
        Dictionary<byte[], byte[]>.AlternateLookup<ReadOnlySpan<byte>> lookup = _agreed.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(recipientPublicKey, out byte[]? known))
        {
            return known;
        }

        if (!EntryCipher.TryParsePoint(recipientPublicKey, out ECPubKey? point))
        {
            throw new ArgumentException("A public key is 0x04 | X | Y (65 bytes), a point on secp256k1.", nameof(recipientPublicKey));
        }

        Span<byte> product = stackalloc byte[EntryCipher.PublicKeySize];
        point.GetSharedPubkey(_scalar).WriteToSpan(false, product, out _);
        byte[] secret = product.Slice(1, 32).ToArray();
        CryptographicOperations.ZeroMemory(product);
        if (_agreed.Count >= MaxAgreed)
        {
            ForgetAgreed();
        }

        _agreed.Add(recipientPublicKey.ToArray(), secret);
        return secret;
    }

    private void ForgetAgreed()
    {
        foreach (byte[] secret in _agreed.Values)
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        _agreed.Clear();
    }

    /// <summary>Public keys compared by content, hashed with the process's randomly seeded <see cref="HashCode"/>.</summary>
    private sealed class PublicKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly PublicKeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode([DisallowNull] byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
