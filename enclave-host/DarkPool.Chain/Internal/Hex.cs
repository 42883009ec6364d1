namespace DarkPool.Chain.Internal;

/// <summary><c>0x</c>-prefixed hex, the way Ethereum tools print bytes.</summary>
internal static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Decodes <c>0x</c>-prefixed (or bare) hex; <paramref name="expectedLength"/> -1 accepts any length.</summary>
    public static byte[] Decode(string text, int expectedLength = -1)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> digits = text.AsSpan();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        if (digits.Length % 2 != 0 || (expectedLength >= 0 && digits.Length != 2 * expectedLength))
        {
            throw new FormatException(expectedLength >= 0
                ? $"Expected {expectedLength} bytes of hex, got {digits.Length} digits."
                : "Hex text has an odd number of digits.");
        }

        return Convert.FromHexString(digits);
    }
}
