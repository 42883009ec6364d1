using System.Text.Json;

namespace DarkPool.Cli.Internal;

/// <summary>Enum values as the command line spells them: snake_case names (<c>buy</c>, <c>insufficient_funds</c>).</summary>
internal static class Names
{
    public static string Of<T>(T value)
        where T : struct, Enum => Enum.IsDefined(value) ? JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()) : $"unknown({value})";

    /// <summary>Every accepted spelling of <typeparamref name="T"/>, for help and error messages.</summary>
    public static string All<T>()
        where T : struct, Enum => string.Join("|", Enum.GetValues<T>().Select(Of));

    /// <summary>Parses a snake_case name (case-insensitive).</summary>
    public static bool TryParse<T>(string text, out T value)
        where T : struct, Enum
    {
        foreach (T candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
