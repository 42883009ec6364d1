using System.Globalization;

namespace DarkPool.Attestation.Collateral.Internal;

/// <summary>
/// The text forms inside Intel's collateral: UTC dates to the second ("2030-06-01T12:00:00Z"), upper-case hex for
/// identifiers (FMSPC, PCE-ID, MRSIGNER, masks), and advisory ids of letters, digits and dashes.
/// </summary>
internal static class CollateralText
{
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static readonly string[] DateFormats = [DateFormat, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    public static string FormatDate(DateTimeOffset date) => date.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static bool TryParseDate(string? text, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    /// <summary>A date as it will read back from its text form (seconds, UTC).</summary>
    public static DateTimeOffset TruncateToSeconds(DateTimeOffset date) =>
        new(date.UtcTicks - (date.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public static bool TryParseHex(string? text, int size, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length != size * 2)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Advisory ids are written into signed JSON: keep them to characters every JSON writer leaves alone.</summary>
    public static bool IsAdvisoryId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static IReadOnlyList<string> ValidateAdvisoryIds(IReadOnlyList<string>? advisoryIds, string parameterName)
    {
        if (advisoryIds is null)
        {
            return [];
        }

        foreach (string id in advisoryIds)
        {
            if (!IsAdvisoryId(id))
            {
                throw new ArgumentException($"Advisory id '{id}' is not letters, digits and dashes.", parameterName);
            }
        }

        return advisoryIds.ToArray();
    }
}
