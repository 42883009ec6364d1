using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace DarkPool.Tests.CommandLine;

/// <summary>
/// One run of a tool through its real entry points: <typeparamref name="TTool"/>'s <c>RunAsync</c> (what Program.cs
/// calls) with captured output, or the built tool as a separate process (<c>dotnet exec &lt;tool&gt;.dll</c>), the way its
/// users run it. The test project references the tool's project so that the dll is built next to the tests.
/// </summary>
internal sealed record ToolRun<TTool>(int Code, string Stdout, string Stderr)
    where TTool : ITestedTool
{
    private static readonly string ToolPath = Path.Combine(AppContext.BaseDirectory, $"{TTool.Name}.dll");

    /// <summary>The JSON document of a <c>--format json</c> run.</summary>
    public JsonElement Json()
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"not one JSON document ({e.Message}):\n{this}");
        }
    }

    public static Task<ToolRun<TTool>> InProcessAsync(params string[] args) => InProcessAsync(new StringWriter(), args);

    /// <summary>Runs with <paramref name="stdout"/> as standard output (so a test can watch it while the command runs).</summary>
    public static async Task<ToolRun<TTool>> InProcessAsync(StringWriter stdout, params string[] args)
    {
        using var stderr = new StringWriter();
        int code = await TTool.RunAsync(args, TextWriter.Synchronized(stdout), stderr);
        return new ToolRun<TTool>(code, stdout.ToString(), stderr.ToString());
    }

    public static Task<ToolRun<TTool>> ProcessAsync(params string[] args) => ProcessAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs the built tool with <paramref name="environment"/> added to this process's environment; no standard input.</summary>
    public static async Task<ToolRun<TTool>> ProcessAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        Assert.True(File.Exists(ToolPath), $"{ToolPath} is missing: the test project references the tool's project to build it here");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
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

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{TTool.Name} {string.Join(' ', args)} did not exit within 120 s.");
        }

        return new ToolRun<TTool>(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A failure reads as one sentence: no exception names, no stack frames.</summary>
    public void AssertNoStackTrace()
    {
        Assert.DoesNotContain("Exception", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Stdout, StringComparison.Ordinal);
    }

    public override string ToString() => $"exit {Code}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    // The dotnet host running these tests, so that the tool runs on the same runtime.
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
