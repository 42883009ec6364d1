using System.Diagnostics;
using System.Text;

namespace DarkPool.Replay.Tests;

/// <summary>The built tool run as a separate process, the way users and external tools run it.</summary>
public sealed class ProcessTests
{
    private static readonly string ToolPath = typeof(CommandLine).Assembly.Location;

    private static (int Code, string Stdout, string Stderr) Exec(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(ToolPath);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        Assert.True(process.WaitForExit(60_000), "The tool did not exit.");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The dotnet host running these tests, so that the tool runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    [Theory]
    [InlineData("basic.jsonl")]
    [InlineData("midpoint.jsonl")]
    [InlineData("min-quantity.jsonl")]
    [InlineData("auction.jsonl")]
    public void Exec_Example_PrintsTheSameEventsAsInProcess(string example)
    {
        string path = ReplayHarness.ExamplePath(example);

        (int code, string stdout, string stderr) = Exec(null, path);

        Assert.Equal((0, ""), (code, stderr));
        Assert.Equal(ReplayHarness.RunToText(File.ReadAllText(path)), stdout);
    }

    [Theory]
    [InlineData("midpoint.jsonl")]
    [InlineData("min-quantity.jsonl")]
    [InlineData("auction.jsonl")]
    public void Exec_DarkPoolExampleOnEitherBook_SameEventsAndHashAsInProcess(string example)
    {
        string path = ReplayHarness.ExamplePath(example);
        string input = File.ReadAllText(path);

        (int fastCode, string fastOut, string fastErr) = Exec(null, "--hash", path);
        (int referenceCode, string referenceOut, string referenceErr) = Exec(input, "--book", "reference", "--hash", "-");

        Assert.Equal((0, "", 0, ""), (fastCode, fastErr, referenceCode, referenceErr));
        string expected = ReplayHarness.RunToText(input, hash: true);
        Assert.Equal(expected, fastOut);
        Assert.Equal(expected, referenceOut);
        Assert.Contains("\"evt\":\"trade\"", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Exec_StandardInputWithReferenceBook_SameEventsAndHash()
    {
        string path = ReplayHarness.ExamplePath("basic.jsonl");

        (int code, string stdout, _) = Exec(File.ReadAllText(path), "--book", "reference", "--hash", "-");

        Assert.Equal(0, code);
        Assert.Equal(ReplayHarness.RunToText(File.ReadAllText(path), hash: true), stdout);
    }

    [Fact]
    public void Exec_MissingFileAndUsage_NonZeroWithMessage()
    {
        (int missing, string missingOut, string missingErr) = Exec(null, "no-such-file.jsonl");
        (int usage, _, string usageErr) = Exec(null);

        Assert.Equal((1, ""), (missing, missingOut));
        Assert.Contains("cannot read no-such-file.jsonl", missingErr, StringComparison.Ordinal);
        Assert.Equal(2, usage);
        Assert.Contains("usage:", usageErr, StringComparison.Ordinal);
    }
}
