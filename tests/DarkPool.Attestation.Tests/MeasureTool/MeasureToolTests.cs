using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DarkPool.Attestation.Measurement;

namespace DarkPool.Attestation.Tests.MeasureTool;

/// <summary>
/// enclave-host/DarkPool.Measure run as a separate process (<c>dotnet exec DarkPool.Measure.dll</c>), the way an
/// auditor runs it: exit codes, the printed measurement, and the line saying the scheme is the simulated platform's.
/// </summary>
public sealed class MeasureToolTests : IDisposable
{
    private const string LibraryFile = "DarkPool.Attestation.dll";

    private static readonly string ToolPath = Path.Combine(AppContext.BaseDirectory, "DarkPool.Measure.dll");

    private readonly string _root = Directory.CreateTempSubdirectory("dp-measure-tool-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Main_BuildOutputFolder_ExitsZeroAndPrintsLibraryMeasurement()
    {
        Assert.True(MeasurementCalculator.TryMeasure(AppContext.BaseDirectory, LibraryFile, out MeasurementReport? expected, out MeasurementError error), error.Detail);

        (int code, string stdout, string stderr) = Run(AppContext.BaseDirectory, LibraryFile);

        Assert.Equal((0, string.Empty), (code, stderr));
        string[] lines = Lines(stdout);
        Assert.Equal($"measurement: {expected.Measurement}", lines[^1]);
        string digest = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, LibraryFile))));
        Assert.Contains(lines, line => line.StartsWith(digest, StringComparison.Ordinal) && line.EndsWith($"  {LibraryFile}", StringComparison.Ordinal));
    }

    [Fact]
    public void Main_BuildOutputFolder_SaysTheSchemeIsSimulated()
    {
        (int code, string stdout, _) = Run(AppContext.BaseDirectory, LibraryFile);

        Assert.Equal(0, code);
        string scheme = Assert.Single(Lines(stdout), line => line.StartsWith("scheme: ", StringComparison.Ordinal));
        Assert.Contains("SIMULATED", scheme, StringComparison.Ordinal);
    }

    [Fact]
    public void Main_MissingFolder_ExitsOneWithMessageAndNoStackTrace()
    {
        string missing = Path.Combine(_root, "no-such-folder");

        (int code, string stdout, string stderr) = Run(missing);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("cannot measure: NotFound: ", stderr, StringComparison.Ordinal);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
        AssertNoStackTrace(stderr);
    }

    [Fact]
    public void Main_FolderWithoutEnclave_ExitsOneNamingDefaultEntryAssembly()
    {
        (int code, _, string stderr) = Run(_root);

        Assert.Equal(1, code);
        Assert.Contains(Path.Combine(_root, "DarkPool.Enclave.dll"), stderr, StringComparison.Ordinal);
        AssertNoStackTrace(stderr);
    }

    [Fact]
    public void Main_NoArguments_ExitsTwoWithUsage()
    {
        (int code, string stdout, string stderr) = Run();

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("usage: DarkPool.Measure <build-output-folder>", stderr, StringComparison.Ordinal);
        AssertNoStackTrace(stderr);
    }

    private static void AssertNoStackTrace(string stderr)
    {
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        Assert.True(File.Exists(ToolPath), $"{ToolPath} is missing: the test project references DarkPool.Measure to build it here");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
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
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("DarkPool.Measure did not exit within 60 s.");
        }

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
}
