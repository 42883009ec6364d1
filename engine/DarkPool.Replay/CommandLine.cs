using System.Text;
using DarkPool.Engine;

namespace DarkPool.Replay;

/// <summary>
/// The tool's command line: <c>[--book fast|reference] [--hash] [--check] FILE|-</c>. Exit codes: 0 the input
/// was processed (error lines included), 1 I/O error (the input cannot be read, or output cannot be written),
/// 2 usage error, 3 engine failure.
/// </summary>
internal static class CommandLine
{
    public const int Ok = 0;
    public const int IoError = 1;
    public const int UsageError = 2;
    public const int EngineFailure = 3;

    public const string Usage = """
        usage: DarkPool.Replay [--book fast|reference] [--hash] [--check] FILE|-
          FILE       JSON Lines commands to replay; - reads standard input
          --book     order book implementation (default fast)
          --hash     print a final {"evt":"state","hash":"..."} line
          --check    run the engine's consistency check after every line
        Events are written to standard output as JSON Lines; see docs/REPLAY-SCHEMA.md.
        """;

    /// <summary>Runs the tool; <paramref name="stdin"/> is read only for <c>-</c>.</summary>
    public static int Run(string[] args, TextReader stdin, Stream stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args is ["--help"] or ["-h"])
        {
            using var help = new StreamWriter(stdout, new UTF8Encoding(false), leaveOpen: true);
            help.WriteLine(Usage);
            return Ok;
        }

        if (!TryParse(args, out ReplayOptions? options, out string? path, out string? problem))
        {
            stderr.WriteLine($"replay: {problem}");
            stderr.WriteLine(Usage);
            return UsageError;
        }

        TextReader input;
        if (path == "-")
        {
            input = stdin;
        }
        else
        {
            try
            {
                input = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                stderr.WriteLine($"replay: cannot read {path}: {ex.Message}");
                return IoError;
            }
        }

        try
        {
            Replayer.Run(input, stdout, options);
            return Ok;
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"replay: {ex.Message}");
            return IoError;
        }
        catch (InvalidOperationException ex)
        {
            stderr.WriteLine($"replay: {ex.Message}");
            return EngineFailure;
        }
        finally
        {
            if (!ReferenceEquals(input, stdin))
            {
                input.Dispose();
            }
        }
    }

    /// <summary>Options may come in any order; exactly one FILE or <c>-</c>.</summary>
    public static bool TryParse(string[] args, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ReplayOptions? options,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? path, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        options = null;
        path = null;
        problem = null;
        BookKind book = BookKind.Fast;
        bool hash = false;
        bool check = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--hash":
                    hash = true;
                    break;
                case "--check":
                    check = true;
                    break;
                case "--book":
                    if (i + 1 >= args.Length || !TryParseBook(args[++i], out book))
                    {
                        problem = "--book needs fast or reference";
                        return false;
                    }

                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal) || (arg.StartsWith('-') && arg != "-"))
                    {
                        problem = $"unknown option {arg}";
                        return false;
                    }

                    if (path is not null)
                    {
                        problem = "exactly one input FILE (or -) is expected";
                        return false;
                    }

                    path = arg;
                    break;
            }
        }

        if (path is null)
        {
            problem = "no input FILE (use - for standard input)";
            return false;
        }

        options = new ReplayOptions { Book = book, PrintHash = hash, CheckConsistency = check, FlushEachLine = path == "-" };
        return true;
    }

    private static bool TryParseBook(string value, out BookKind book)
    {
        book = value switch
        {
            "fast" => BookKind.Fast,
            "reference" => BookKind.Reference,
            _ => (BookKind)255,
        };
        return book is BookKind.Fast or BookKind.Reference;
    }
}
