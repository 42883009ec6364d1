using System.Text.Json;

namespace DarkPool.Audit.Tests.Support;

/// <summary>Reading verify-quote's JSON document.</summary>
internal static class Checks
{
    /// <summary>The result ("passed", "failed", "skipped", "not_run") of one named check.</summary>
    public static string Result(JsonElement document, string check) =>
        document.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetString() == check).GetProperty("result").GetString()!;

    /// <summary>The names of the checks with the given result.</summary>
    public static string[] With(JsonElement document, string result) =>
        [.. document.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("result").GetString() == result).Select(c => c.GetProperty("check").GetString()!)];
}
