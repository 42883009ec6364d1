using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DarkPool.CommandLine;
using DarkPool.Protocol.Accounts;

namespace DarkPool.Cli.Internal;

/// <summary>
/// The account key file (docs/CLI.md, "Key file"): JSON with the address and the secp256k1 private key, in the clear or
/// encrypted with a passphrase (PBKDF2-SHA256, 600,000 iterations, AES-256-GCM, the address as associated data).
/// Written owner-only (0600, in a 0700 folder); on Unix a file that others can read is refused, like ssh does.
/// </summary>
internal static class KeyFile
{
    /// <summary>The environment variable a passphrase is read from.</summary>
    public const string PassphraseVariable = "DARKPOOL_KEY_PASSPHRASE";

    public const string Format = "darkpool-key-v1";
    public const string Clear = "none";
    public const string Encrypted = "aes-256-gcm-pbkdf2-sha256";
    public const int Iterations = 600_000;
    private const int PrivateKeySize = 32;

    /// <summary>The default key file: <c>~/.darkpool/key.json</c>.</summary>
    public static string DefaultPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".darkpool", "key.json");

    /// <summary>A fresh private key (32 random bytes, retried in the negligible case they are not a valid scalar).</summary>
    public static byte[] NewPrivateKey()
    {
        while (true)
        {
            byte[] candidate = RandomNumberGenerator.GetBytes(PrivateKeySize);
            try
            {
                Secp256k1AccountKey.FromPrivateKey(candidate).Dispose();
                return candidate;
            }
            catch (ArgumentException)
            {
                CryptographicOperations.ZeroMemory(candidate);
            }
        }
    }

    /// <summary>Parses a private key given as 64 hex digits (an optional 0x prefix, surrounding white space ignored).</summary>
    public static byte[] ParsePrivateKey(string text)
    {
        string hex = text.Trim();
        hex = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        byte[] key;
        try
        {
            key = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw CommandLineException.Usage("the private key is not hex (64 hex digits expected)");
        }

        if (key.Length != PrivateKeySize)
        {
            throw CommandLineException.Usage($"the private key has {key.Length} bytes; a secp256k1 private key has 32 (64 hex digits)");
        }

        try
        {
            Secp256k1AccountKey.FromPrivateKey(key).Dispose();
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw CommandLineException.Usage("the private key is not a valid secp256k1 key (zero, or not below the curve order)");
        }

        return key;
    }

    /// <summary>Writes a key file owner-only; refuses to overwrite unless <paramref name="force"/>. Returns the address.</summary>
    public static AccountAddress Write(string path, ReadOnlySpan<byte> privateKey, string? passphrase, bool force)
    {
        using Secp256k1AccountKey key = Secp256k1AccountKey.FromPrivateKey(privateKey);
        string address = key.Address.ToString();
        var document = new JsonObject { ["format"] = Format, ["address"] = address };
        if (passphrase is null)
        {
            document["encryption"] = Clear;
            document["private_key"] = Convert.ToHexStringLower(privateKey);
        }
        else
        {
            byte[] salt = RandomNumberGenerator.GetBytes(16);
            byte[] nonce = RandomNumberGenerator.GetBytes(12);
            byte[] secret = DeriveKey(passphrase, salt, Iterations);
            var ciphertext = new byte[PrivateKeySize];
            var tag = new byte[16];
            using (var aes = new AesGcm(secret, tag.Length))
            {
                aes.Encrypt(nonce, privateKey, ciphertext, tag, Encoding.ASCII.GetBytes(address));
            }

            CryptographicOperations.ZeroMemory(secret);
            document["encryption"] = Encrypted;
            document["kdf_iterations"] = Iterations;
            document["salt"] = Convert.ToHexStringLower(salt);
            document["nonce"] = Convert.ToHexStringLower(nonce);
            document["ciphertext"] = Convert.ToHexStringLower(ciphertext);
            document["tag"] = Convert.ToHexStringLower(tag);
        }

        string full = Path.GetFullPath(path);
        if (File.Exists(full) && !force)
        {
            throw CommandLineException.Failure($"{full} already exists; pass --force to replace it (the old key is lost unless you kept a copy)");
        }

        try
        {
            string folder = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(full, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // An existing file keeps its mode on FileMode.Create: make it owner-only either way.
                File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CommandLineException.Failure($"cannot write the key file {full}: {e.Message}");
        }

        return key.Address;
    }

    /// <summary>What a key file says without decrypting it.</summary>
    public static (string Address, bool IsEncrypted) Describe(string path)
    {
        JsonObject document = Read(path);
        return (Text(document, "address", path), Text(document, "encryption", path) == Encrypted);
    }

    /// <summary>
    /// Loads the account key; an encrypted file needs <paramref name="passphrase"/>. Throws a friendly failure for a missing,
    /// unreadable, group- or world-readable, malformed or tampered file, or a wrong passphrase.
    /// </summary>
    public static Secp256k1AccountKey Load(string path, Func<string?> passphrase)
    {
        byte[] privateKey = LoadPrivateKey(path, passphrase);
        try
        {
            return Secp256k1AccountKey.FromPrivateKey(privateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>The private key bytes (for export and for the chain key of a deposit); the caller zeroes them.</summary>
    public static byte[] LoadPrivateKey(string path, Func<string?> passphrase)
    {
        JsonObject document = Read(path);
        string address = Text(document, "address", path);
        string encryption = Text(document, "encryption", path);
        byte[] privateKey;
        if (encryption == Clear)
        {
            privateKey = Hex(document, "private_key", path);
        }
        else if (encryption == Encrypted)
        {
            string secretText = passphrase()
                ?? throw CommandLineException.Failure($"{path} is encrypted: set {PassphraseVariable} to its passphrase (or run in a terminal to be asked)");
            int iterations = document["kdf_iterations"] is JsonValue v && v.TryGetValue(out int n) && n is >= 100_000 and <= 10_000_000
                ? n
                : throw Malformed(path, "kdf_iterations");
            byte[] secret = DeriveKey(secretText, Hex(document, "salt", path), iterations);
            byte[] ciphertext = Hex(document, "ciphertext", path);
            privateKey = new byte[ciphertext.Length];
            try
            {
                using var aes = new AesGcm(secret, 16);
                aes.Decrypt(Hex(document, "nonce", path), ciphertext, Hex(document, "tag", path), privateKey, Encoding.ASCII.GetBytes(address));
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                throw CommandLineException.Failure($"cannot decrypt {path}: wrong passphrase, or the file was changed");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
        else
        {
            throw Malformed(path, "encryption");
        }

        try
        {
            using Secp256k1AccountKey key = Secp256k1AccountKey.FromPrivateKey(privateKey);
            if (!string.Equals(key.Address.ToString(), address, StringComparison.OrdinalIgnoreCase))
            {
                throw CommandLineException.Failure($"{path}: the private key does not belong to the address the file names ({address})");
            }
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw Malformed(path, "private_key");
        }

        return privateKey;
    }

    private static JsonObject Read(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw CommandLineException.Failure($"no key file at {full}: create one with 'darkpool keys create' (or pass --key FILE)");
        }

        if (!OperatingSystem.IsWindows())
        {
            UnixFileMode mode = File.GetUnixFileMode(full);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & others) != 0)
            {
                throw CommandLineException.Failure($"{full} can be read by other users; run 'chmod 600 {full}' (a key file must be owner-only)");
            }
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(full)) as JsonObject ?? throw Malformed(full, "(not a JSON object)");
        }
        catch (JsonException)
        {
            throw Malformed(full, "(not JSON)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CommandLineException.Failure($"cannot read the key file {full}: {e.Message}");
        }
    }

    private static string Text(JsonObject document, string field, string path) =>
        document[field] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0 ? text : throw Malformed(path, field);

    private static byte[] Hex(JsonObject document, string field, string path)
    {
        try
        {
            return Convert.FromHexString(Text(document, field, path));
        }
        catch (FormatException)
        {
            throw Malformed(path, field);
        }
    }

    private static CommandLineException Malformed(string path, string field) =>
        CommandLineException.Failure($"{path} is not a darkpool key file ({Format}): bad or missing field {field}");

    private static byte[] DeriveKey(string passphrase, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, 32);
}
