using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace DarkPool.CommandLine;

/// <summary>
/// One run of a tool over System.CommandLine: a root command with the <c>--format</c> option every command inherits, a
/// command line that does not parse as a usage error (exit 2), and actions whose failures end as one line on standard
/// error and an exit code, never a stack trace (<see cref="SetAction"/>).
/// </summary>
public sealed class CommandLineTool
{
    private readonly ToolSettings _settings;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    private CommandLineTool(ToolSettings settings, TextWriter stdout, TextWriter stderr)
    {
        _settings = settings;
        _stdout = stdout;
        _stderr = stderr;
        Root = new RootCommand(settings.Description);
        Root.Options.Add(Format);
    }

    /// <summary>The <c>--format</c> option, on every command.</summary>
    public Option<OutputFormat> Format { get; } = new("--format")
    {
        Description = "text (tables for people) or json (one JSON document on standard output, for scripts)",
        DefaultValueFactory = _ => OutputFormat.Text,
        HelpName = "text|json",
        Recursive = true,
    };

    /// <summary>The root command: a tool adds its own global options and its commands.</summary>
    public RootCommand Root { get; }

    /// <summary>
    /// Builds the tool with <paramref name="build"/>, parses <paramref name="args"/> and runs the chosen command, writing to
    /// the given streams; returns the exit code.
    /// </summary>
    public static async Task<int> RunAsync(
        ToolSettings settings, string[] args, TextWriter stdout, TextWriter stderr, Action<CommandLineTool> build, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(build);
        var tool = new CommandLineTool(settings, stdout, stderr);
        build(tool);
        ParseResult parse = tool.Root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (ParseError error in parse.Errors)
            {
                await stderr.WriteLineAsync($"{settings.Name}: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync(settings.UsageHint).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds a command under the root for every class implementing <typeparamref name="TCommand"/> in its assembly, in
    /// name order, built by <paramref name="build"/>: adding a command to a tool is adding its file.
    /// </summary>
    public void AddCommands<TCommand>(Func<TCommand, Command> build)
        where TCommand : class
    {
        ArgumentNullException.ThrowIfNull(build);
        IEnumerable<TCommand> commands = typeof(TCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(TCommand).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (TCommand)Activator.CreateInstance(t)!);
        foreach (TCommand command in commands)
        {
            Root.Subcommands.Add(build(command));
        }
    }

    /// <summary>
    /// Sets <paramref name="command"/>'s action to <paramref name="run"/>, with its output in the chosen format. A
    /// <see cref="CommandLineException"/> becomes its message and exit code; cancellation and any other exception a
    /// one-line error and exit 1, never a stack trace.
    /// </summary>
    public void SetAction(Command command, Func<ParseResult, ToolOutput, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(run);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = new ToolOutput(_settings, parse.GetValue(Format), _stdout, _stderr);
            try
            {
                return await run(parse, output, cancellationToken).ConfigureAwait(false);
            }
            catch (CommandLineException e)
            {
                output.Fail(e.Message);
                return e.ExitCode;
            }
            catch (OperationCanceledException)
            {
                output.Fail("cancelled");
                return ExitCodes.Failure;
            }
#pragma warning disable CA1031 // The last line of defence of a command-line tool: a sentence, never a stack trace.
            catch (Exception e)
#pragma warning restore CA1031
            {
                output.Fail($"unexpected error ({e.GetType().Name}): {e.Message}");
                return ExitCodes.Failure;
            }
        });
    }
}
