using System.Buffers.Binary;
using System.Security.Cryptography;
using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Sealing;

namespace DarkPool.Enclave.Platform.Internal;

/// <summary>
/// Every key the simulated platform derives from its secret, each with HKDF-SHA256 and its own labelled info
/// string, so no two purposes can ever share a key. The labels are listed in docs/ATTESTATION.md.
/// </summary>
internal static class PlatformKeys
{
    public const int SecretSize = 32;
    public const int KeySize = 32;
    public const int KeyIdSize = 32;
    public const int QeIdSize = 16;

    private static ReadOnlySpan<byte> SealLabel => "DarkPool/v1/seal\0"u8;

    private static ReadOnlySpan<byte> StateMacLabel => "DarkPool/v1/platform-state-mac\0"u8;

    private static ReadOnlySpan<byte> QeIdLabel => "DarkPool/v1/qe-id\0"u8;

    private static ReadOnlySpan<byte> PpidLabel => "DarkPool/v1/ppid\0"u8;

    /// <summary>The PCE-ID in the PCK certificate and the TCB Info: 0000, as Intel's one PCE.</summary>
    public static ReadOnlySpan<byte> PceId => [0x00, 0x00];

    /// <summary>
    /// info = label || policy u16 || debug u8 || (MRENCLAVE for unique, MRSIGNER for product) || ISVPRODID u16 ||
    /// ISVSVN u16 || generation u32; salt = the blob's key id; key material = the platform secret.
    /// </summary>
    public static void DeriveSealingKey(
        ReadOnlySpan<byte> secret,
        SealPolicy policy,
        EnclaveIdentity identity,
        ushort securityVersion,
        uint generation,
        ReadOnlySpan<byte> keyId,
        Span<byte> key)
    {
        const int FieldsSize = 2 + 1 + Sha256Hash.Size + 2 + 2 + 4;
        Span<byte> info = stackalloc byte[SealLabel.Length + FieldsSize];
        SealLabel.CopyTo(info);
        Span<byte> fields = info[SealLabel.Length..];
        BinaryPrimitives.WriteUInt16LittleEndian(fields, (ushort)policy);
        fields[2] = identity.Debug ? (byte)1 : (byte)0;
        (policy == SealPolicy.Unique ? identity.MrEnclave : identity.MrSigner).CopyTo(fields[3..]);
        BinaryPrimitives.WriteUInt16LittleEndian(fields[35..], identity.ProductId);
        BinaryPrimitives.WriteUInt16LittleEndian(fields[37..], securityVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(fields[39..], generation);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, key[..KeySize], keyId, info);
    }

    /// <summary>The key that authenticates the platform's state files (counter, key generation).</summary>
    public static byte[] StateMacKey(ReadOnlySpan<byte> secret)
    {
        var key = new byte[KeySize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, key, salt: [], StateMacLabel);
        return key;
    }

    /// <summary>The QE ID written in the quote header: stable per data folder, reveals nothing of the secret.</summary>
    public static byte[] QeId(ReadOnlySpan<byte> secret)
    {
        var id = new byte[QeIdSize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, id, salt: [], QeIdLabel);
        return id;
    }

    /// <summary>The PPID in the PCK certificate: stable per data folder, reveals nothing of the secret.</summary>
    public static byte[] Ppid(ReadOnlySpan<byte> secret)
    {
        var ppid = new byte[16];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, ppid, salt: [], PpidLabel);
        return ppid;
    }
}
