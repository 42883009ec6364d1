using System.Text;
using DarkPool.Engine;

namespace DarkPool.Replay.Tests;

/// <summary>Argument handling, exit codes and the standard-input path, in-process.</summary>
public sealed class CommandLineTests
{
    private static (int Code, string Stdout, string Stderr) Run(string stdin, params string[] args)
    {
        using var stdout = new MemoryStream();
        var stderr = new StringWriter();
        int code = CommandLine.Run(args, new StringReader(stdin), stdout, stderr);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Fact]
    public void Run_DashPath_ReadsStandardInput()
    {
        string input = File.ReadAllText(ReplayHarness.ExamplePath("basic.jsonl"));

        (int code, string stdout, string stderr) = Run(input, "-");

        Assert.Equal((CommandLine.Ok, ""), (code, stderr));
        Assert.Equal(ReplayHarness.RunToText(input), stdout);
    }

    [Fact]
    public void Run_FilePath_SameOutputAsStandardInput()
    {
        string path = ReplayHarness.ExamplePath("basic.jsonl");

        (int code, string stdout, _) = Run("", path);

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal(Run(File.ReadAllText(path), "-").Stdout, stdout);
    }

    [Fact]
    public void Run_FileWithErrorLines_ExitsZero()
    {
        (int code, string stdout, string stderr) = Run("", ReplayHarness.ExamplePath("errors.jsonl"));

        Assert.Equal((CommandLine.Ok, ""), (code, stderr));
        Assert.Contains("\"evt\":\"error\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HashAndBookOptions_AnyOrderSameFinalState()
    {
        string path = ReplayHarness.ExamplePath("basic.jsonl");

        string fast = Run("", "--hash", path).Stdout;
        string reference = Run("", path, "--book", "reference", "--hash", "--check").Stdout;

        Assert.Equal(fast, reference);
        Assert.StartsWith("{\"evt\":\"state\",\"hash\":\"", ReplayHarness.Lines(fast)[^1], StringComparison.Ordinal);
        Assert.Equal(ReplayHarness.Lines(fast)[..^1], ReplayHarness.Lines(Run("", path).Stdout));
    }

    [Fact]
    public void Run_MissingFile_ExitsOneWithMessageAndNoOutput()
    {
        string path = Path.Combine(Path.GetTempPath(), "darkpool-replay-missing-" + Guid.NewGuid().ToString("N") + ".jsonl");

        (int code, string stdout, string stderr) = Run("", path);

        Assert.Equal((CommandLine.IoError, ""), (code, stdout));
        Assert.StartsWith($"replay: cannot read {path}", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "no input FILE")]
    [InlineData(new[] { "a.jsonl", "b.jsonl" }, "exactly one input FILE")]
    [InlineData(new[] { "--fast", "a.jsonl" }, "unknown option --fast")]
    [InlineData(new[] { "-x", "a.jsonl" }, "unknown option -x")]
    [InlineData(new[] { "a.jsonl", "--book" }, "--book needs fast or reference")]
    [InlineData(new[] { "--book", "naive", "a.jsonl" }, "--book needs fast or reference")]
    public void Run_BadArguments_ExitsTwoWithUsage(string[] args, string problem)
    {
        (int code, string stdout, string stderr) = Run("", args);

        Assert.Equal((CommandLine.UsageError, ""), (code, stdout));
        Assert.StartsWith("replay: " + problem, stderr, StringComparison.Ordinal);
        Assert.Contains("usage: DarkPool.Replay", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Help_PrintsUsageAndExitsZero()
    {
        (int code, string stdout, string stderr) = Run("", "--help");

        Assert.Equal((CommandLine.Ok, ""), (code, stderr));
        Assert.StartsWith("usage: DarkPool.Replay", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Defaults_FastBookNoHashNoCheck()
    {
        Assert.True(CommandLine.TryParse(["in.jsonl"], out ReplayOptions? options, out string? path, out _));

        Assert.Equal("in.jsonl", path);
        Assert.Equal((BookKind.Fast, false, false, false), (options.Book, options.PrintHash, options.CheckConsistency, options.FlushEachLine));
    }

    [Fact]
    public void TryParse_StandardInput_FlushesEveryLine()
    {
        Assert.True(CommandLine.TryParse(["--book", "reference", "-"], out ReplayOptions? options, out string? path, out _));

        Assert.Equal(("-", BookKind.Reference, true), (path, options.Book, options.FlushEachLine));
    }

    [Fact]
    public void Run_FlushEachLine_AnswerVisibleBeforeTheNextLineIsRead()
    {
        using var output = new MemoryStream();
        var input = new ProbingReader(["""{"cmd":"book","market":"M"}""", """{"cmd":"book","market":"M"}"""], output);

        Replayer.Run(input, output, new ReplayOptions { FlushEachLine = true });

        long line = Encoding.UTF8.GetByteCount("""{"evt":"rejected","cmd":"book","market":"M","reason":"unknown_market"}""" + "\n");
        Assert.Equal([0L, line, 2 * line], input.OutputLengthAtEachRead);
    }

    /// <summary>Records how much output had reached the stream each time the replayer asked for a line.</summary>
    private sealed class ProbingReader(string[] lines, MemoryStream output) : TextReader
    {
        private int _next;

        public List<long> OutputLengthAtEachRead { get; } = [];

        public override string? ReadLine()
        {
            OutputLengthAtEachRead.Add(output.Length);
            return _next < lines.Length ? lines[_next++] : null;
        }
    }
}
