using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using DarkPool.Enclave.Platform;
using L = DarkPool.Enclave.Sealing.SealedBlobLayout;

namespace DarkPool.Enclave.Sealing;

/// <summary>
/// Seals data to the enclave's identity with AES-256-GCM under a key the platform derives for the policy, the
/// sealer's security version, the current key generation and a random key id; the header and the caller's context
/// are the associated data. Blobs of older generations stay readable; <see cref="TryReseal"/> moves them to the
/// current one.
/// </summary>
public sealed class Sealer
{
    private readonly IEnclavePlatform _platform;

    /// <summary>A sealer using <paramref name="platform"/>'s keys.</summary>
    public Sealer(IEnclavePlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        _platform = platform;
    }

    /// <summary>Where, in a blob for <see cref="SealInPlace"/>, the plaintext goes (the blob's header comes first).</summary>
    public const int PlaintextOffset = L.HeaderSize;

    /// <summary>The size of the sealed blob of <paramref name="plaintextLength"/> bytes.</summary>
    public static int SealedSize(int plaintextLength) => L.HeaderSize + plaintextLength + L.TagSize;

    /// <summary>
    /// Seals <paramref name="plaintext"/>. <paramref name="context"/> names what the data is for (e.g. "snapshot");
    /// it is authenticated but not stored, and the same context must be given to unseal.
    /// </summary>
    public byte[] Seal(SealPolicy policy, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context)
    {
        var blob = new byte[SealedSize(plaintext.Length)];
        plaintext.CopyTo(blob.AsSpan(PlaintextOffset));
        try
        {
            SealInPlace(policy, blob, context);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(blob); // it held the plaintext
            throw;
        }

        return blob;
    }

    /// <summary>
    /// Seals in place, for large data that should not be copied: <paramref name="blob"/> is <see cref="SealedSize"/> of
    /// the plaintext long and holds the plaintext at <see cref="PlaintextOffset"/>; on return it is the sealed blob (the
    /// plaintext encrypted where it was, header and tag written), exactly as <see cref="Seal"/> would have made it.
    /// </summary>
    /// <exception cref="ArgumentException">The blob is shorter than a header and a tag.</exception>
    public void SealInPlace(SealPolicy policy, Span<byte> blob, ReadOnlySpan<byte> context)
    {
        int length = blob.Length - L.HeaderSize - L.TagSize;
        if (length < 0)
        {
            throw new ArgumentException("A blob to seal in place holds at least a header and a tag.", nameof(blob));
        }

        Span<byte> header = blob[..L.HeaderSize];
        L.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[L.VersionOffset..], L.Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header[L.PolicyOffset..], (ushort)policy);
        uint generation = _platform.SealKeyGeneration;
        ushort securityVersion = _platform.Identity.SecurityVersion;
        BinaryPrimitives.WriteUInt32LittleEndian(header[L.GenerationOffset..], generation);
        BinaryPrimitives.WriteUInt16LittleEndian(header[L.SecurityVersionOffset..], securityVersion);
        RandomNumberGenerator.Fill(header.Slice(L.KeyIdOffset, L.KeyIdSize));
        RandomNumberGenerator.Fill(header.Slice(L.NonceOffset, L.NonceSize));
        BinaryPrimitives.WriteUInt32LittleEndian(header[L.LengthOffset..], (uint)length);

        Span<byte> key = stackalloc byte[32];
        try
        {
            if (!_platform.TryDeriveSealingKey(policy, securityVersion, generation, header.Slice(L.KeyIdOffset, L.KeyIdSize), key, out SealKeyError error))
            {
                throw new InvalidOperationException($"The platform refused the sealing key for its own identity: {error}.");
            }

            using var aes = new AesGcm(key, L.TagSize);
            Span<byte> text = blob.Slice(L.HeaderSize, length);
            aes.Encrypt(header.Slice(L.NonceOffset, L.NonceSize), text, text, blob.Slice(L.HeaderSize + length, L.TagSize), AssociatedData(header, context));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Opens a blob sealed under <paramref name="expectedPolicy"/> with the same <paramref name="context"/>; on any
    /// failure returns the reason and no data.
    /// </summary>
    public bool TryUnseal(ReadOnlySpan<byte> blob, SealPolicy expectedPolicy, ReadOnlySpan<byte> context, [NotNullWhen(true)] out byte[]? plaintext, out UnsealError error)
    {
        plaintext = null;
        if (!SealedBlobHeader.TryRead(blob, out SealedBlobHeader header, out error))
        {
            return false;
        }

        if (header.Policy != expectedPolicy)
        {
            error = UnsealError.PolicyMismatch;
            return false;
        }

        Span<byte> key = stackalloc byte[32];
        try
        {
            ReadOnlySpan<byte> keyId = blob.Slice(L.KeyIdOffset, L.KeyIdSize);
            if (!_platform.TryDeriveSealingKey(header.Policy, header.SecurityVersion, header.Generation, keyId, key, out SealKeyError keyError))
            {
                error = keyError switch
                {
                    SealKeyError.SecurityVersionTooNew => UnsealError.SecurityVersionTooNew,
                    SealKeyError.GenerationNotAvailable => UnsealError.GenerationNotAvailable,
                    _ => UnsealError.UnknownPolicy,
                };
                return false;
            }

            var output = new byte[header.PlaintextLength];
            using var aes = new AesGcm(key, L.TagSize);
            try
            {
                aes.Decrypt(
                    blob.Slice(L.NonceOffset, L.NonceSize),
                    blob.Slice(L.HeaderSize, header.PlaintextLength),
                    blob.Slice(L.HeaderSize + header.PlaintextLength, L.TagSize),
                    output,
                    AssociatedData(blob[..L.HeaderSize], context));
            }
            catch (AuthenticationTagMismatchException)
            {
                CryptographicOperations.ZeroMemory(output);
                error = UnsealError.AuthenticationFailed;
                return false;
            }

            plaintext = output;
            error = UnsealError.None;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>True when a blob with this header should be re-sealed: its key generation is older than the current one.</summary>
    public bool NeedsReseal(SealedBlobHeader header) => header.Generation < _platform.SealKeyGeneration;

    /// <summary>Unseals and seals again under the current key generation and this enclave's security version.</summary>
    public bool TryReseal(ReadOnlySpan<byte> blob, SealPolicy policy, ReadOnlySpan<byte> context, [NotNullWhen(true)] out byte[]? resealed, out UnsealError error)
    {
        resealed = null;
        if (!TryUnseal(blob, policy, context, out byte[]? plaintext, out error))
        {
            return false;
        }

        try
        {
            resealed = Seal(policy, plaintext, context);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, ReadOnlySpan<byte> context)
    {
        var associated = new byte[L.HeaderSize + context.Length];
        header[..L.HeaderSize].CopyTo(associated);
        context.CopyTo(associated.AsSpan(L.HeaderSize));
        return associated;
    }
}
