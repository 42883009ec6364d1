using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DarkPool.CommandLine;

/// <summary>
/// What sets one tool apart from another: its name (the prefix of every error line), its help text, and how its JSON
/// documents write enums and nulls. Each tool's JSON fields are a contract with its users' scripts, so these choices are
/// per tool and never change once published.
/// </summary>
public sealed class ToolSettings
{
    private readonly Lazy<JsonSerializerOptions> _indented;
    private readonly Lazy<JsonSerializerOptions> _compact;

    /// <summary>Creates the settings; the JSON options are built once, on first use.</summary>
    public ToolSettings()
    {
        _indented = new Lazy<JsonSerializerOptions>(() => JsonOptions(indented: true));
        _compact = new Lazy<JsonSerializerOptions>(() => JsonOptions(indented: false));
    }

    /// <summary>The command's name, e.g. <c>darkpool</c>: error lines read <c>darkpool: ...</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The root command's description, shown by <c>--help</c>.</summary>
    public required string Description { get; init; }

    /// <summary>The line after a command line's errors, e.g. <c>Run 'darkpool --help' for usage.</c></summary>
    public required string UsageHint { get; init; }

    /// <summary>How enum values are written in JSON; null writes them as declared (<c>Passed</c>).</summary>
    public JsonNamingPolicy? JsonEnumNaming { get; init; }

    /// <summary>True to leave null properties out of JSON documents; false writes them as <c>null</c>.</summary>
    public bool JsonOmitsNulls { get; init; }

    /// <summary>Indented documents: one per command.</summary>
    internal JsonSerializerOptions IndentedJson => _indented.Value;

    /// <summary>One document a line: a stream of events.</summary>
    internal JsonSerializerOptions CompactJson => _compact.Value;

    // snake_case property names and unescaped non-ASCII text in every tool; enums and nulls as the tool chose.
    private JsonSerializerOptions JsonOptions(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonEnumNaming) },
        DefaultIgnoreCondition = JsonOmitsNulls ? JsonIgnoreCondition.WhenWritingNull : JsonIgnoreCondition.Never,
    };
}
