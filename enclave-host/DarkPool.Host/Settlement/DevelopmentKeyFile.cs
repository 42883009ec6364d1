using System.Security.Cryptography;
using DarkPool.Chain;

namespace DarkPool.Host.Settlement;

/// <summary>
/// A development chain key kept in plain hex in the data folder (owner read/write only): the embedded chain's
/// governance key, which also issues the development tokens and pays for posting batches. For development only: a real
/// deployment keeps governance offline and registers the enclave key after verifying its attestation.
/// </summary>
public static class DevelopmentKeyFile
{
    /// <summary>Reads the key at <paramref name="path"/>, or creates a fresh one there.</summary>
    /// <exception cref="InvalidDataException">The file exists and does not hold a secp256k1 key.</exception>
    public static ChainKey LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            byte[] scalar;
            try
            {
                scalar = Convert.FromHexString(File.ReadAllText(path).Trim().Replace("0x", "", StringComparison.OrdinalIgnoreCase));
            }
            catch (FormatException)
            {
                throw new InvalidDataException($"{path} does not hold a hex key.");
            }

            try
            {
                return ChainKey.FromPrivateKey(scalar);
            }
            catch (ArgumentException)
            {
                throw new InvalidDataException($"{path} does not hold a secp256k1 private key.");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(scalar);
            }
        }

        ChainKey key = ChainKey.Generate();
        byte[] exported = key.ExportPrivateKey();
        string temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(Convert.ToHexStringLower(exported));
            writer.Flush();
            file.Flush(flushToDisk: true);
        }

        CryptographicOperations.ZeroMemory(exported);
        File.Move(temporary, path, overwrite: true);
        return key;
    }
}
