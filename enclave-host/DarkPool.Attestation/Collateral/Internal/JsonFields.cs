using System.Text.Json;

namespace DarkPool.Attestation.Collateral.Internal;

/// <summary>
/// Strict reads of required JSON fields for the collateral parsers. A missing field or a value of the wrong kind or
/// range throws <see cref="CollateralFormatException"/>, which every public TryParse turns into an error result.
/// </summary>
internal static class JsonFields
{
    public static JsonElement Object(JsonElement parent, string name)
    {
        JsonElement value = Required(parent, name);
        return value.ValueKind == JsonValueKind.Object ? value : throw Wrong(name, "an object");
    }

    public static JsonElement.ArrayEnumerator Array(JsonElement parent, string name)
    {
        JsonElement value = Required(parent, name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Wrong(name, "an array");
    }

    public static string String(JsonElement parent, string name)
    {
        JsonElement value = Required(parent, name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(name, "a string");
    }

    public static long Integer(JsonElement parent, string name, long min, long max)
    {
        JsonElement value = Required(parent, name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) && number >= min && number <= max
            ? number
            : throw Wrong(name, $"an integer from {min} to {max}");
    }

    public static DateTimeOffset Date(JsonElement parent, string name) =>
        CollateralText.TryParseDate(String(parent, name), out DateTimeOffset date) ? date : throw Wrong(name, "a UTC date like 2030-06-01T12:00:00Z");

    public static byte[] Hex(JsonElement parent, string name, int size) =>
        CollateralText.TryParseHex(String(parent, name), size, out byte[] bytes) ? bytes : throw Wrong(name, $"{size * 2} hex digits");

    public static TcbStatus Status(JsonElement parent, string name) =>
        TcbStatusNames.TryParse(String(parent, name), out TcbStatus status) ? status : throw Wrong(name, "a known TCB status");

    /// <summary>advisoryIDs is optional (Intel leaves it out of up-to-date levels).</summary>
    public static IReadOnlyList<string> AdvisoryIds(JsonElement level)
    {
        if (!level.TryGetProperty("advisoryIDs", out JsonElement ids))
        {
            return [];
        }

        if (ids.ValueKind != JsonValueKind.Array)
        {
            throw Wrong("advisoryIDs", "an array");
        }

        var list = new List<string>();
        foreach (JsonElement id in ids.EnumerateArray())
        {
            string? text = id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            list.Add(CollateralText.IsAdvisoryId(text) ? text! : throw Wrong("advisoryIDs", "advisory ids of letters, digits and dashes"));
        }

        return list;
    }

    private static JsonElement Required(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement value) ? value : throw new CollateralFormatException($"'{name}' is missing");

    private static CollateralFormatException Wrong(string name, string expected) => new($"'{name}' is not {expected}");
}
