using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace DarkPool.Audit.Internal;

/// <summary>
/// Where a command writes: Spectre.Console tables and lines on standard output for people, or one JSON document for
/// scripts (<c>--format json</c>, snake_case names); errors as one line on standard error, in both formats.
/// </summary>
internal sealed class AuditOutput
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly TextWriter _out;
    private readonly Lazy<IAnsiConsole> _console;

    public AuditOutput(OutputFormat format, TextWriter stdout, TextWriter stderr)
    {
        Format = format;
        _out = stdout;
        Error = stderr;
        _console = new Lazy<IAnsiConsole>(() => CreateConsole(stdout));
    }

    public OutputFormat Format { get; }

    public bool IsJson => Format == OutputFormat.Json;

    public TextWriter Error { get; }

    /// <summary>The console for text output (tables, markup).</summary>
    public IAnsiConsole Console => _console.Value;

    /// <summary>A plain line on standard output, no markup.</summary>
    public void Line(string text) => _out.WriteLine(text);

    /// <summary>The JSON document of a command.</summary>
    public void Json<T>(T value) => _out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>A one-line error; with <c>--format json</c> also <c>{"ok": false, "error": ...}</c> on standard output.</summary>
    public void Fail(string message)
    {
        Error.WriteLine($"darkpool-audit: {message}");
        if (IsJson)
        {
            Json(new ErrorDocument(false, message));
        }
    }

    // Output to a terminal keeps Spectre's detection; redirected output (scripts, tests) gets no colours and a width
    // that keeps a check and its detail on one line where it fits.
    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        bool terminal = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!terminal)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    private sealed record ErrorDocument(bool Ok, string Error);
}
