using System.Security.Cryptography;
using DarkPool.Enclave.Sealing;
using DarkPool.Enclave.Storage;
using DarkPool.Protocol.Accounts;

namespace DarkPool.Enclave.Runtime;

/// <summary>
/// The enclave's long-lived secrets, sealed to the product (so a newer build keeps them) in one blob the host stores:
/// the secp256k1 settlement signing key, and in simulation the development release key. Created on first start.
/// </summary>
internal sealed class EnclaveKeys : IDisposable
{
    public const string FileName = "enclave-keys.sealed";
    private static ReadOnlySpan<byte> Context => "DarkPool.EnclaveKeys.v1"u8;

    private EnclaveKeys(byte[] settlement, byte[] release)
    {
        SettlementPrivateKey = settlement;
        ReleasePrivateKey = release;
        Settlement = Secp256k1AccountKey.FromPrivateKey(settlement);
    }

    public byte[] SettlementPrivateKey { get; }

    /// <summary>P-256 private scalar of the development release key (simulation only).</summary>
    public byte[] ReleasePrivateKey { get; }

    public Secp256k1AccountKey Settlement { get; }

    /// <summary>Unseals the keys, or creates them on a first start (<paramref name="existingState"/> false).</summary>
    public static EnclaveKeys LoadOrCreate(IDataFolder folder, Sealer sealer, bool existingState)
    {
        if (folder.ListFiles().Contains(FileName))
        {
            using IReadableFile file = folder.OpenRead(FileName);
            var blob = new byte[file.Length];
            int read = file.Read(0, blob);
            if (read != blob.Length || !sealer.TryUnseal(blob, SealPolicy.Product, Context, out byte[]? plain, out UnsealError error) || plain.Length != 64)
            {
                throw new InvalidDataException($"{FileName} does not unseal on this platform for this product; refusing to start with new keys.");
            }

            _ = error;
            try
            {
                return new EnclaveKeys(plain[..32], plain[32..]);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }

        if (existingState)
        {
            throw new InvalidDataException($"{FileName} is missing but the enclave has state already; refusing to start with new keys (the settlement key registered on chain would change).");
        }

        byte[] settlement = NewSecp256k1Scalar();
        using var release = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] releaseScalar = release.ExportParameters(includePrivateParameters: true).D!;
        byte[] both = [.. settlement, .. releaseScalar];
        byte[] sealedBlob = sealer.Seal(SealPolicy.Product, both, Context);
        CryptographicOperations.ZeroMemory(both);
        string temporary = FileName + ".tmp";
        folder.Delete(temporary);
        using (IAppendableFile output = folder.CreateFile(temporary))
        {
            output.Append(sealedBlob);
            output.Flush();
        }

        folder.Rename(temporary, FileName);
        folder.SyncFolder();
        return new EnclaveKeys(settlement, releaseScalar);
    }

    public ECDsa ReleaseKey()
    {
        var parameters = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = ReleasePrivateKey };
        var key = ECDsa.Create(parameters);
        return key;
    }

    public void Dispose()
    {
        Settlement.Dispose();
        CryptographicOperations.ZeroMemory(SettlementPrivateKey);
        CryptographicOperations.ZeroMemory(ReleasePrivateKey);
    }

    private static byte[] NewSecp256k1Scalar()
    {
        while (true)
        {
            byte[] candidate = RandomNumberGenerator.GetBytes(32);
            try
            {
                using var key = Secp256k1AccountKey.FromPrivateKey(candidate);
                return candidate;
            }
            catch (ArgumentException)
            {
                // Out of range for the curve (probability about 2^-128): draw again.
            }
        }
    }
}
