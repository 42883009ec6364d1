using System.CommandLine.Parsing;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Identity;

namespace DarkPool.Audit.Internal;

/// <summary>Parsers for the hex-valued options: a bad value is a usage error that names the option.</summary>
internal static class HexOptions
{
    /// <summary>A 32-byte nonce, 64 hex digits.</summary>
    public static byte[]? ParseNonce(ArgumentResult result)
    {
        byte[]? bytes = ParseBytes(result);
        if (bytes is not null && bytes.Length != ReportDataBinding.NonceSize)
        {
            result.AddError($"{Name(result)} is {ReportDataBinding.NonceSize} bytes: {2 * ReportDataBinding.NonceSize} hex digits.");
            return null;
        }

        return bytes;
    }

    /// <summary>A public key: 1 to 1,024 bytes of hex.</summary>
    public static byte[]? ParseKey(ArgumentResult result)
    {
        byte[]? bytes = ParseBytes(result);
        if (bytes is not null && bytes.Length is 0 or > ReportDataBinding.MaxKeySize)
        {
            result.AddError($"{Name(result)} is 1 to {ReportDataBinding.MaxKeySize} bytes of hex.");
            return null;
        }

        return bytes;
    }

    /// <summary>A SHA-256 value (a measurement), 64 hex digits.</summary>
    public static Sha256Hash? ParseHash(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (Sha256Hash.TryParse(text, out Sha256Hash hash))
        {
            return hash;
        }

        result.AddError($"{Name(result)} is a SHA-256 value: 64 hex digits, got '{text}'.");
        return null;
    }

    private static byte[]? ParseBytes(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (text.Length % 2 == 0 && text.Length > 0 && text.All(char.IsAsciiHexDigit))
        {
            return Convert.FromHexString(text);
        }

        result.AddError($"{Name(result)} is hex (an even number of 0-9, a-f), got '{text}'.");
        return null;
    }

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
