namespace DarkPool.Audit.Tests;

/// <summary>The tool as a process: usage errors exit 2 with a one-line reason and no stack trace; help exits 0.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "settle" }, "settle")]
    [InlineData(new[] { "measure" }, "Required argument missing")]
    [InlineData(new[] { "measure", "somewhere", "--format", "xml" }, "xml")]
    [InlineData(new[] { "measure", "somewhere", "--expect", "abc" }, "--expect")]
    [InlineData(new[] { "evidence", "--out", "x" }, "exactly one of --server and --data-folder")]
    [InlineData(new[] { "evidence", "--server", "http://127.0.0.1:1", "--data-folder", "d", "--out", "x" }, "exactly one of --server and --data-folder")]
    [InlineData(new[] { "evidence", "--server", "127.0.0.1:50051", "--out", "x" }, "--server is an http:// or https:// address")]
    [InlineData(new[] { "settlements", "--server", "http://127.0.0.1:1", "--rpc-url", "127.0.0.1:8545" }, "--rpc-url is an http:// or https:// address")]
    [InlineData(new[] { "evidence", "--server", "http://127.0.0.1:1", "--nonce", "00ff", "--out", "x" }, "--nonce is 32 bytes")]
    [InlineData(new[] { "evidence", "--server", "http://127.0.0.1:1" }, "--out")]
    [InlineData(new[] { "verify-quote", "--quote", "q", "--root", "r", "--collateral", "c" }, "--policy")]
    [InlineData(new[] { "verify-quote", "--quote", "q", "--policy", "p" }, "needs --root and --collateral")]
    [InlineData(new[] { "verify-quote", "--policy", "p" }, "exactly one of --quote")]
    [InlineData(new[] { "verify-quote", "--server", "http://127.0.0.1:1", "--quote", "q", "--policy", "p" }, "exactly one of --quote")]
    [InlineData(new[] { "verify-quote", "--server", "http://127.0.0.1:1", "--collateral", "c", "--policy", "p" }, "drop --collateral")]
    [InlineData(new[] { "verify-quote", "--quote", "q", "--root", "r", "--collateral", "c", "--policy", "p", "--nonce", "0000000000000000000000000000000000000000000000000000000000000000" }, "go together")]
    [InlineData(new[] { "verify-quote", "--quote", "q", "--root", "r", "--collateral", "c", "--policy", "p", "--at", "yesterday" }, "--at is a time")]
    public async Task Main_BadArguments_ExitsTwoWithReason(string[] args, string reason)
    {
        AuditRun run = await AuditRun.ProcessAsync(args);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains(reason, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help", run.Stderr, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Main_Help_ExitsZeroListingEveryCommand()
    {
        AuditRun run = await AuditRun.ProcessAsync("--help");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("evidence", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("verify-quote", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("measure", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--format", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public async Task Main_UnreachableServer_ExitsOneWithOneLine(string format)
    {
        AuditRun run = await AuditRun.ProcessAsync("evidence", "--server", "http://127.0.0.1:1", "--out", Path.Combine(Path.GetTempPath(), "dp-audit-never-written"), "--format", format);

        Assert.True(run.Code == 1, run.ToString());
        Assert.StartsWith("darkpool-audit: cannot reach the server at http://127.0.0.1:1/", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        run.AssertNoStackTrace();
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "dp-audit-never-written")));
        if (format == "json")
        {
            Assert.False(run.Json().GetProperty("ok").GetBoolean());
        }
    }
}
