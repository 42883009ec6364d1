using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace DarkPool.Cli.Internal;

/// <summary>
/// Where a command writes: Spectre.Console tables and lines on standard output for people, or JSON for scripts
/// (<c>--format json</c>, snake_case names); warnings and errors as lines on standard error in both formats.
/// </summary>
internal sealed class CliOutput
{
    private static readonly JsonSerializerOptions Indented = Options(indented: true);
    private static readonly JsonSerializerOptions Compact = Options(indented: false);
    private readonly TextWriter _out;
    private readonly Lazy<IAnsiConsole> _console;

    public CliOutput(OutputFormat format, TextWriter stdout, TextWriter stderr)
    {
        Format = format;
        _out = stdout;
        Error = stderr;
        _console = new Lazy<IAnsiConsole>(() => CreateConsole(stdout));
    }

    public OutputFormat Format { get; }

    public bool IsJson => Format == OutputFormat.Json;

    public TextWriter Error { get; }

    /// <summary>True when standard output is an interactive terminal (live displays are used only then).</summary>
    public bool IsTerminal => ReferenceEquals(_out, System.Console.Out) && !System.Console.IsOutputRedirected;

    /// <summary>The console for text output (tables, markup, live displays).</summary>
    public IAnsiConsole Console => _console.Value;

    /// <summary>A plain line on standard output, no markup.</summary>
    public void Line(string text) => _out.WriteLine(text);

    /// <summary>The JSON document of a command, indented.</summary>
    public void Json<T>(T value) => _out.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>One JSON document on one line (a stream of events).</summary>
    public void JsonLine<T>(T value)
    {
        _out.WriteLine(JsonSerializer.Serialize(value, Compact));
        _out.Flush();
    }

    /// <summary>A warning line on standard error.</summary>
    public void Warn(string message) => Error.WriteLine($"darkpool: {message}");

    /// <summary>A one-line error; with <c>--format json</c> also <c>{"ok": false, "error": ...}</c> on standard output.</summary>
    public void Fail(string message)
    {
        Error.WriteLine($"darkpool: {message}");
        if (IsJson)
        {
            Json(new ErrorDocument(false, message));
        }
    }

    private static JsonSerializerOptions Options(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // A terminal keeps Spectre's detection; redirected output (scripts, tests) gets no colours and a fixed wide width.
    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        bool terminal = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
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
