using System.Text.Json;
using Spectre.Console;

namespace DarkPool.CommandLine;

/// <summary>
/// Where a command writes: Spectre.Console tables and lines on standard output for people, or JSON for scripts
/// (<c>--format json</c>, snake_case names); warnings and errors as lines on standard error, in both formats.
/// </summary>
public sealed class ToolOutput
{
    private readonly ToolSettings _settings;
    private readonly TextWriter _out;
    private readonly Lazy<IAnsiConsole> _console;

    internal ToolOutput(ToolSettings settings, OutputFormat format, TextWriter stdout, TextWriter stderr)
    {
        _settings = settings;
        Format = format;
        _out = stdout;
        Error = stderr;
        IsTerminal = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        _console = new Lazy<IAnsiConsole>(CreateConsole);
    }

    /// <summary>What <c>--format</c> chose.</summary>
    public OutputFormat Format { get; }

    /// <summary>True with <c>--format json</c>.</summary>
    public bool IsJson => Format == OutputFormat.Json;

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>True when standard output is an interactive terminal (prompts and live displays are used only then).</summary>
    public bool IsTerminal { get; }

    /// <summary>The console for text output (tables, markup, live displays).</summary>
    public IAnsiConsole Console => _console.Value;

    /// <summary>A plain line on standard output, no markup.</summary>
    public void Line(string text) => _out.WriteLine(text);

    /// <summary>The JSON document of a command, indented.</summary>
    public void Json<T>(T value) => _out.WriteLine(JsonSerializer.Serialize(value, _settings.IndentedJson));

    /// <summary>One JSON document on one line, flushed at once (a stream of events).</summary>
    public void JsonLine<T>(T value)
    {
        _out.WriteLine(JsonSerializer.Serialize(value, _settings.CompactJson));
        _out.Flush();
    }

    /// <summary>A warning or a note on standard error, after the tool's name.</summary>
    public void Warn(string message) => Error.WriteLine($"{_settings.Name}: {message}");

    /// <summary>A one-line error; with <c>--format json</c> also <c>{"ok": false, "error": ...}</c> on standard output.</summary>
    public void Fail(string message)
    {
        Warn(message);
        if (IsJson)
        {
            Json(new ErrorDocument(false, message));
        }
    }

    // A terminal keeps Spectre's detection; redirected output (scripts, tests) gets no colours and a fixed wide width, so
    // that a table row (a check and its detail) stays on one line where it fits.
    private IAnsiConsole CreateConsole()
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(_out),
        });
        if (!IsTerminal)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    private sealed record ErrorDocument(bool Ok, string Error);
}
