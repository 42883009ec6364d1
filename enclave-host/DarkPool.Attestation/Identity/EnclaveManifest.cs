using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using DarkPool.Attestation.Quotes;
using L = DarkPool.Attestation.Identity.EnclaveManifestLayout;

namespace DarkPool.Attestation.Identity;

/// <summary>
/// A release's signed statement of what it is (SIGSTRUCT's role in SGX): measurement, debug attribute, product id
/// and security version, signed by the release key. The platform loads an enclave only when the code it measured
/// matches the manifest, and reports MRSIGNER = SHA-256 of the key that signed it.
/// </summary>
public sealed class EnclaveManifest
{
    private readonly byte[] _signerKey;

    private EnclaveManifest(EnclaveIdentity identity, byte[] signerKey)
    {
        Identity = identity;
        _signerKey = signerKey;
    }

    /// <summary>The identity the manifest grants, with MRSIGNER computed from its key.</summary>
    public EnclaveIdentity Identity { get; }

    /// <summary>The release signing public key, X||Y.</summary>
    public ReadOnlySpan<byte> SignerPublicKey => _signerKey;

    /// <summary>Signs a manifest for <paramref name="measurement"/> with the release key.</summary>
    public static byte[] Sign(Sha256Hash measurement, ushort productId, ushort securityVersion, bool debug, ECDsa releaseKey)
    {
        ArgumentNullException.ThrowIfNull(releaseKey);
        var manifest = new byte[L.Size];
        Span<byte> m = manifest;
        L.Magic.CopyTo(m);
        BinaryPrimitives.WriteUInt16LittleEndian(m[L.VersionOffset..], L.Version);
        measurement.CopyTo(m[L.MrEnclaveOffset..]);
        BinaryPrimitives.WriteUInt64LittleEndian(m[L.AttributesOffset..], debug ? (ulong)EnclaveAttributes.Debug : 0);
        BinaryPrimitives.WriteUInt16LittleEndian(m[L.ProductIdOffset..], productId);
        BinaryPrimitives.WriteUInt16LittleEndian(m[L.SecurityVersionOffset..], securityVersion);
        EcdsaP256.ExportPublicKey(releaseKey, m.Slice(L.SignerKeyOffset, EcdsaP256.PublicKeySize));
        EcdsaP256.Sign(releaseKey, m[..L.SignedSize], m.Slice(L.SignatureOffset, EcdsaP256.SignatureSize));
        return manifest;
    }

    /// <summary>Parses a manifest and verifies its signature with the key it carries.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out EnclaveManifest? manifest, out ManifestError error)
    {
        manifest = null;
        if (bytes.Length != L.Size)
        {
            error = ManifestError.WrongLength;
            return false;
        }

        if (!bytes[..L.Magic.Length].SequenceEqual(L.Magic))
        {
            error = ManifestError.BadMagic;
            return false;
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(bytes[L.VersionOffset..]) != L.Version)
        {
            error = ManifestError.UnsupportedVersion;
            return false;
        }

        ulong attributes = BinaryPrimitives.ReadUInt64LittleEndian(bytes[L.AttributesOffset..]);
        if (BinaryPrimitives.ReadUInt16LittleEndian(bytes[L.ReservedOffset..]) != 0 || (attributes & ~(ulong)EnclaveAttributes.Debug) != 0)
        {
            error = ManifestError.ReservedBitsSet;
            return false;
        }

        ReadOnlySpan<byte> signerKey = bytes.Slice(L.SignerKeyOffset, EcdsaP256.PublicKeySize);
        if (!EcdsaP256.TryImportPublicKey(signerKey, out ECDsa? key))
        {
            error = ManifestError.InvalidSignerKey;
            return false;
        }

        using (key)
        {
            if (!EcdsaP256.Verify(key, bytes[..L.SignedSize], bytes.Slice(L.SignatureOffset, EcdsaP256.SignatureSize)))
            {
                error = ManifestError.BadSignature;
                return false;
            }
        }

        var identity = new EnclaveIdentity(
            new Sha256Hash(bytes.Slice(L.MrEnclaveOffset, Sha256Hash.Size)),
            SignerIdentity.FromPublicKey(signerKey),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[L.ProductIdOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[L.SecurityVersionOffset..]),
            attributes != 0);
        manifest = new EnclaveManifest(identity, signerKey.ToArray());
        error = ManifestError.None;
        return true;
    }
}
