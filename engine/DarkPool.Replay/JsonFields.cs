using System.Text.Json;

namespace DarkPool.Replay;

/// <summary>
/// Typed access to the fields of one command object. Every failure throws a
/// <see cref="CommandFormatException"/> whose message names the field. A field set to <c>null</c> counts as
/// absent. Numbers must be integers written without fraction or exponent that fit the target type.
/// </summary>
internal static class JsonFields
{
    /// <summary>Fails on a field given twice, or one that is not <c>cmd</c>, <c>ts</c> or one of <paramref name="allowed"/>.</summary>
    public static void CheckKnown(JsonElement command, string cmd, string[] allowed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in command.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new CommandFormatException($"duplicate field \"{property.Name}\"");
            }

            if (property.Name is not ("cmd" or "ts") && Array.IndexOf(allowed, property.Name) < 0)
            {
                throw new CommandFormatException($"unknown field \"{property.Name}\" for cmd \"{cmd}\"");
            }
        }
    }

    public static bool TryGet(JsonElement command, string field, out JsonElement value) =>
        command.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

    public static JsonElement Required(JsonElement command, string field) =>
        TryGet(command, field, out JsonElement value) ? value : throw new CommandFormatException($"missing field \"{field}\"");

    /// <summary>A name (account, market, asset, client order id): a non-empty string.</summary>
    public static string RequiredName(JsonElement command, string field) => Name(Required(command, field), field);

    public static string? OptionalName(JsonElement command, string field) =>
        TryGet(command, field, out JsonElement value) ? Name(value, field) : null;

    public static long RequiredLong(JsonElement command, string field) => Long(Required(command, field), field);

    public static long? OptionalLong(JsonElement command, string field) =>
        TryGet(command, field, out JsonElement value) ? Long(value, field) : null;

    public static int? OptionalInt(JsonElement command, string field)
    {
        if (!TryGet(command, field, out JsonElement value))
        {
            return null;
        }

        long n = Long(value, field);
        return n is >= int.MinValue and <= int.MaxValue
            ? (int)n
            : throw new CommandFormatException($"field \"{field}\" is out of range (a 32-bit integer)");
    }

    public static bool OptionalBool(JsonElement command, string field) =>
        TryGet(command, field, out JsonElement value) && value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(field, "a boolean", value),
        };

    public static T OptionalEnum<T>(JsonElement command, string field, WireEnum<T> names, T fallback)
        where T : struct, Enum
    {
        if (!TryGet(command, field, out JsonElement value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw WrongType(field, $"a string, one of {names.Choices}", value);
        }

        string text = Text(value, field);
        return names.TryParse(text, out T result)
            ? result
            : throw new CommandFormatException($"field \"{field}\" must be one of {names.Choices}, not \"{text}\"");
    }

    public static T RequiredEnum<T>(JsonElement command, string field, WireEnum<T> names)
        where T : struct, Enum
    {
        Required(command, field);
        return OptionalEnum(command, field, names, default);
    }

    private static string Name(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw WrongType(field, "a string", value);
        }

        string name = Text(value, field);
        return name.Length > 0 ? name : throw new CommandFormatException($"field \"{field}\" must not be empty");
    }

    /// <summary>A JSON string's value; an escaped lone surrogate (<c>"\ud800"</c>) is no text and fails here.</summary>
    public static string Text(JsonElement value, string field)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new CommandFormatException($"field \"{field}\" is not valid text (an unpaired surrogate escape)");
        }
    }

    private static long Long(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw WrongType(field, "an integer", value);
        }

        if (value.TryGetInt64(out long n))
        {
            return n;
        }

        string raw = value.GetRawText();
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
        {
            throw new CommandFormatException($"field \"{field}\" must be an integer without fraction or exponent, not {raw}");
        }

        throw new CommandFormatException($"field \"{field}\" is out of range (a 64-bit integer), {raw}");
    }

    private static CommandFormatException WrongType(string field, string expected, JsonElement value) =>
        new($"field \"{field}\" must be {expected}, not {KindName(value.ValueKind)}");

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
