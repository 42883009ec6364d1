using System.Security.Cryptography;
using DarkPool.Chain;

namespace DarkPool.ChainClient;

/// <summary>
/// A governance key file, in the format of a development server's <c>&lt;data&gt;/chain-governance.key</c>: the 32-byte
/// secp256k1 scalar as 64 hex digits, optionally after <c>0x</c>, surrounding whitespace ignored. Read only: unlike the
/// server, a command line never creates one.
/// </summary>
public static class GovernanceKeyFile
{
    /// <summary>Reads the key at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be read (missing, a folder, no permission).</exception>
    /// <exception cref="InvalidDataException">The file does not hold a secp256k1 private key in hex.</exception>
    public static ChainKey Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"cannot read {path}: {e.Message}", e);
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        if (text.Length != 64 || !text.All(char.IsAsciiHexDigit))
        {
            throw new InvalidDataException($"{path} does not hold a governance key: 64 hex digits (a secp256k1 private key) expected.");
        }

        byte[] scalar = Convert.FromHexString(text);
        try
        {
            return ChainKey.FromPrivateKey(scalar);
        }
        catch (ArgumentException)
        {
            throw new InvalidDataException($"{path} does not hold a secp256k1 private key (zero, or not below the group order).");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }
}
