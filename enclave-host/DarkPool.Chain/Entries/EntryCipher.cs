using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using NBitcoin.Secp256k1;
using HMACSHA256 = System.Security.Cryptography.HMACSHA256;

namespace DarkPool.Chain.Entries;

/// <summary>
/// The per-account entries of a settlement batch (docs/SETTLEMENT.md, "Entries"), each encrypted to the account's
/// secp256k1 key. Version 1, ECIES with an ephemeral key per entry:
/// <code>
/// R      = e·G                       ephemeral public key, SEC1 uncompressed (65 bytes)
/// S      = x(e·P)                    ECDH with the account's public key P (32 bytes)
/// K      = HKDF-SHA256(ikm = S, salt = R, info = "DarkPool settlement entry v1", 32 bytes)
/// C | T  = AES-256-GCM(K, nonce = 12 zero bytes, aad = "DPSE" | sequence (8, BE), padded plaintext)
/// entry  = R (65) | length of C (4, BE) | C | T (16)
/// </code>
/// Each key encrypts one message only (a fresh e per account and batch), so the fixed nonce is safe. The enclave
/// derives e deterministically from its settlement key, the batch sequence and the account
/// (<see cref="DeriveEphemeral"/>), so that signing a batch again after a crash gives the same bytes.
/// Version 2, the secret agreed with the enclave's static entry key Q = k·G (<see cref="EntryKey"/>), which the batch
/// carries once:
/// <code>
/// S      = x(k·P) = x(d·Q)               (32 bytes; the enclave keeps it per account, a reader computes it per batch)
/// K      = HKDF-SHA256(ikm = S, salt = Q | P | sequence (8, BE) | journal head (32), info = "DarkPool settlement entry v2")
/// C | T  = AES-256-GCM(K, nonce = 12 zero bytes, aad = "DPSE" | sequence (8, BE), padded plaintext)
/// entry  = length of C (4, BE) | C | T (16)
/// </code>
/// P is in the salt because S is an x coordinate, which P and −P share (a second account registered with −P must not
/// get the same K); the batch's anchored journal head is in it so that a batch cut again at the same sequence from
/// another history never reuses a key. K then encrypts one account's one entry of one batch: the fixed nonce is safe.
/// </summary>
public static class EntryCipher
{
    /// <summary>SEC1 uncompressed public key size.</summary>
    public const int PublicKeySize = 65;

    /// <summary>GCM tag size.</summary>
    public const int TagSize = 16;

    /// <summary>Bytes a version 1 entry adds to its plaintext.</summary>
    public const int Overhead = PublicKeySize + 4 + TagSize;

    /// <summary>Bytes a version 2 entry adds to its plaintext.</summary>
    public const int OverheadV2 = 4 + TagSize;

    private static ReadOnlySpan<byte> Info => "DarkPool settlement entry v1"u8;

    private static ReadOnlySpan<byte> InfoV2 => "DarkPool settlement entry v2"u8;

    private static ReadOnlySpan<byte> EphemeralLabel => "DarkPool ECIES ephemeral v1"u8;

    /// <summary>
    /// e = HMAC-SHA256(key = <paramref name="secret"/>, "DarkPool ECIES ephemeral v1" | sequence (8, BE) | account (20)),
    /// hashed again with the same key while it is not a valid scalar (zero or not below the curve order).
    /// </summary>
    public static byte[] DeriveEphemeral(ReadOnlySpan<byte> secret, ulong sequence, EthAddress account)
    {
        Span<byte> message = stackalloc byte[EphemeralLabel.Length + 8 + EthAddress.Size];
        EphemeralLabel.CopyTo(message);
        BinaryPrimitives.WriteUInt64BigEndian(message[EphemeralLabel.Length..], sequence);
        account.WriteTo(message[(EphemeralLabel.Length + 8)..]);
        return DeriveScalar(secret, message);
    }

    /// <summary>
    /// A secp256k1 scalar from HMAC-SHA256(key = <paramref name="secret"/>, <paramref name="message"/>), hashed again with
    /// the same key while it is not valid (zero or not below the curve order); the rejected candidates are cleared. Both
    /// versions' secret scalars come from it (version 1's ephemeral e, version 2's entry key k).
    /// </summary>
    internal static byte[] DeriveScalar(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> message)
    {
        byte[] scalar = HMACSHA256.HashData(secret, message);
        while (!ChainKey.IsValidScalar(scalar))
        {
            byte[] next = HMACSHA256.HashData(secret, scalar);
            CryptographicOperations.ZeroMemory(scalar);
            scalar = next;
        }

        return scalar;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> to <paramref name="recipientPublicKey"/> with ephemeral scalar <paramref name="ephemeral"/>.</summary>
    /// <exception cref="ArgumentException">A key is malformed or not on the curve.</exception>
    public static byte[] Encrypt(ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> recipientPublicKey, ulong sequence, ReadOnlySpan<byte> plaintext)
    {
        byte[] entry = new byte[Overhead + plaintext.Length];
        _ = Encrypt(ephemeral, recipientPublicKey, sequence, plaintext, entry);
        return entry;
    }

    /// <summary>
    /// Encrypts into the first <see cref="Overhead"/> + plaintext length bytes of <paramref name="destination"/> (e.g. in
    /// place in a batch) and returns that length. The keys are checked before anything is written; only the entry's
    /// ciphertext is written, never its plaintext.
    /// </summary>
    /// <exception cref="ArgumentException">A key is malformed or not on the curve, or <paramref name="destination"/> is too short.</exception>
    public static int Encrypt(ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> recipientPublicKey, ulong sequence, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        if (ephemeral.Length != 32 || !Context.Instance.TryCreateECPrivKey(ephemeral, out ECPrivKey? scalar))
        {
            throw new ArgumentException("The ephemeral key is a 32-byte scalar in [1, n-1].", nameof(ephemeral));
        }

        using (scalar)
        {
            if (!TryParsePoint(recipientPublicKey, out ECPubKey? recipient))
            {
                throw new ArgumentException("A public key is 0x04 | X | Y (65 bytes), a point on secp256k1.", nameof(recipientPublicKey));
            }

            int length = Overhead + plaintext.Length;
            if (destination.Length < length)
            {
                throw new ArgumentException($"An entry of {plaintext.Length} plaintext bytes takes {length} bytes.", nameof(destination));
            }

            Span<byte> entry = destination[..length];
            Span<byte> r = entry[..PublicKeySize];
            scalar.CreatePubKey().WriteToSpan(false, r, out _);
            Span<byte> key = stackalloc byte[32];
            SharedKey(scalar, recipient, r, key);
            BinaryPrimitives.WriteInt32BigEndian(entry[PublicKeySize..], plaintext.Length);
            using (var gcm = new AesGcm(key, TagSize))
            {
                gcm.Encrypt(stackalloc byte[12], plaintext, entry.Slice(PublicKeySize + 4, plaintext.Length),
                    entry.Slice(PublicKeySize + 4 + plaintext.Length, TagSize), Aad(sequence));
            }

            CryptographicOperations.ZeroMemory(key);
            return length;
        }
    }

    /// <summary>
    /// Decrypts an entry with the account's private key; false when it is not for this key (the tag does not verify) or
    /// is malformed. <paramref name="length"/> is the entry's total size when it parses (even when not for this key).
    /// </summary>
    public static bool TryDecrypt(ReadOnlySpan<byte> privateKey, ulong sequence, ReadOnlySpan<byte> entry, out byte[] plaintext, out int length)
    {
        plaintext = [];
        length = 0;
        if (entry.Length < Overhead || entry[0] != 0x04)
        {
            return false;
        }

        int size = BinaryPrimitives.ReadInt32BigEndian(entry[PublicKeySize..]);
        if (size < 0 || size > entry.Length - Overhead)
        {
            return false;
        }

        length = Overhead + size;
        ReadOnlySpan<byte> r = entry[..PublicKeySize];
        if (privateKey.Length != 32 || !TryParsePoint(r, out ECPubKey? ephemeral) || !Context.Instance.TryCreateECPrivKey(privateKey, out ECPrivKey? own))
        {
            // A private key that is not a 32-byte scalar, or an ephemeral key that is not a curve point.
            return false;
        }

        using (own)
        {
            Span<byte> key = stackalloc byte[32];
            SharedKey(own, ephemeral, r, key);
            byte[] output = new byte[size];
            try
            {
                using var gcm = new AesGcm(key, TagSize);
                gcm.Decrypt(stackalloc byte[12], entry.Slice(PublicKeySize + 4, size), entry.Slice(PublicKeySize + 4 + size, TagSize), output, Aad(sequence));
            }
            catch (CryptographicException)
            {
                // Not for this key (tag mismatch).
                return false;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }

            plaintext = output;
            return true;
        }
    }

    /// <summary>
    /// A reader's key for the version 2 entries of batch <paramref name="sequence"/> anchoring
    /// <paramref name="journalHead"/>: K from S = x(d·Q) with its private key d, its public key d·G and the batch's entry
    /// key Q. False (and nothing written) when d is not a 32-byte scalar in [1, n-1] or Q is not an uncompressed point on
    /// the curve. The same K opens the reader's entry in whatever position of the batch it is.
    /// </summary>
    public static bool TryReaderKeyV2(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> entryPublicKey, ulong sequence, Hash32 journalHead, Span<byte> key)
    {
        if (key.Length != 32 || privateKey.Length != 32 || !TryParsePoint(entryPublicKey, out ECPubKey? point)
            || !Context.Instance.TryCreateECPrivKey(privateKey, out ECPrivKey? own))
        {
            return false;
        }

        using (own)
        {
            Span<byte> product = stackalloc byte[PublicKeySize];
            Span<byte> recipient = stackalloc byte[PublicKeySize];
            point.GetSharedPubkey(own).WriteToSpan(false, product, out _);
            own.CreatePubKey().WriteToSpan(false, recipient, out _);
            DeriveKeyV2(product.Slice(1, 32), entryPublicKey, recipient, sequence, journalHead, key);
            CryptographicOperations.ZeroMemory(product);
            return true;
        }
    }

    /// <summary>
    /// Opens a version 2 entry with the reader's key for its batch (<see cref="TryReaderKeyV2"/>); false when it is not
    /// for this key (the tag does not verify) or is malformed. <paramref name="length"/> is the entry's total size when it
    /// parses (even when not for this key), 0 when it does not.
    /// </summary>
    public static bool TryDecryptV2(ReadOnlySpan<byte> key, ulong sequence, ReadOnlySpan<byte> entry, out byte[] plaintext, out int length)
    {
        plaintext = [];
        length = 0;
        if (entry.Length < OverheadV2)
        {
            return false;
        }

        int size = BinaryPrimitives.ReadInt32BigEndian(entry);
        if (size < 0 || size > entry.Length - OverheadV2)
        {
            return false;
        }

        length = OverheadV2 + size;
        if (key.Length != 32)
        {
            return false;
        }

        byte[] output = new byte[size];
        try
        {
            using var gcm = new AesGcm(key, TagSize);
            gcm.Decrypt(stackalloc byte[12], entry.Slice(4, size), entry.Slice(4 + size, TagSize), output, Aad(sequence));
        }
        catch (CryptographicException)
        {
            // Not for this key (tag mismatch).
            return false;
        }

        plaintext = output;
        return true;
    }

    /// <summary>K = HKDF-SHA256(ikm = <paramref name="agreed"/>, salt = Q | P | sequence (8, BE) | journal head (32), info = "DarkPool settlement entry v2").</summary>
    internal static void DeriveKeyV2(
        ReadOnlySpan<byte> agreed, ReadOnlySpan<byte> entryPublicKey, ReadOnlySpan<byte> recipientPublicKey, ulong sequence, Hash32 journalHead, Span<byte> key)
    {
        Span<byte> salt = stackalloc byte[2 * PublicKeySize + 8 + Hash32.Size];
        entryPublicKey.CopyTo(salt);
        recipientPublicKey.CopyTo(salt[PublicKeySize..]);
        BinaryPrimitives.WriteUInt64BigEndian(salt[(2 * PublicKeySize)..], sequence);
        journalHead.WriteTo(salt[(2 * PublicKeySize + 8)..]);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, agreed, key, salt, InfoV2);
    }

    /// <summary>Writes length | C | T of a version 2 entry into <paramref name="entry"/> (exactly <see cref="OverheadV2"/> + plaintext bytes).</summary>
    internal static void SealV2(ReadOnlySpan<byte> key, ulong sequence, ReadOnlySpan<byte> plaintext, Span<byte> entry)
    {
        BinaryPrimitives.WriteInt32BigEndian(entry, plaintext.Length);
        using var gcm = new AesGcm(key, TagSize);
        gcm.Encrypt(stackalloc byte[12], plaintext, entry.Slice(4, plaintext.Length), entry.Slice(4 + plaintext.Length, TagSize), Aad(sequence));
    }

    /// <summary>An uncompressed SEC1 point (0x04 | X | Y) on the curve; hybrid (0x06, 0x07) and compressed forms are refused.</summary>
    internal static bool TryParsePoint(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out ECPubKey? point)
    {
        point = null;
        return encoded.Length == PublicKeySize && encoded[0] == 0x04
            && ECPubKey.TryCreate(encoded, Context.Instance, out bool compressed, out point) && !compressed;
    }

    /// <summary>K = HKDF-SHA256(ikm = x(scalar·point), salt, info). libsecp256k1's constant-time multiplication: the scalar is secret.</summary>
    private static void SharedKey(ECPrivKey scalar, ECPubKey point, ReadOnlySpan<byte> salt, Span<byte> key)
    {
        Span<byte> shared = stackalloc byte[PublicKeySize];
        point.GetSharedPubkey(scalar).WriteToSpan(false, shared, out _);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, shared.Slice(1, 32), key, salt, Info);
        CryptographicOperations.ZeroMemory(shared);
    }

    private static byte[] Aad(ulong sequence)
    {
        byte[] aad = new byte[12];
        "DPSE"u8.CopyTo(aad);
        BinaryPrimitives.WriteUInt64BigEndian(aad.AsSpan(4), sequence);
        return aad;
    }
}
