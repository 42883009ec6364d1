using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace DarkPool.Audit.Tests.Support;

/// <summary>
/// darkpool-audit through its real entry points: <see cref="AuditCli.RunAsync"/> (what Program.cs calls) with captured
/// output, or the built tool as a separate process (<c>dotnet exec darkpool-audit.dll</c>), the way auditors run it.
/// </summary>
internal sealed record AuditRun(int Code, string Stdout, string Stderr)
{
    private static readonly string ToolPath = Path.Combine(AppContext.BaseDirectory, "darkpool-audit.dll");

    /// <summary>The JSON document of a <c>--format json</c> run.</summary>
    public JsonElement Json()
    {
        using JsonDocument document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    public static async Task<AuditRun> InProcessAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await AuditCli.RunAsync(args, stdout, stderr);
        return new AuditRun(code, stdout.ToString(), stderr.ToString());
    }

    public static async Task<AuditRun> ProcessAsync(params string[] args)
    {
        Assert.True(File.Exists(ToolPath), $"{ToolPath} is missing: the test project references DarkPool.Audit to build it here");
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"darkpool-audit {string.Join(' ', args)} did not exit within 120 s.");
        }

        return new AuditRun(process.ExitCode, await stdout, await stderr);
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
