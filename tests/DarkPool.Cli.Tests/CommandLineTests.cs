using DarkPool.Cli.Tests.Support;

namespace DarkPool.Cli.Tests;

/// <summary>The command line as a whole: help, usage errors, an unreachable server, the tool run as a process.</summary>
public sealed class CommandLineTests
{
    private static readonly string[] Commands = ["amend", "attest", "balances", "cancel", "demo", "deposit", "fills", "keys", "order", "orders", "watch", "withdraw"];

    [Fact]
    public async Task Help_ListsEveryCommand_ExitZero()
    {
        CliRun run = await CliRun.InProcessAsync("--help");

        Assert.Equal(0, run.Code);
        Assert.All(Commands, c => Assert.Contains(c, run.Stdout));
        Assert.Contains("--format", run.Stdout);
    }

    [Theory]
    [InlineData("trade")]
    [InlineData("order", "--bogus")]
    [InlineData("keys")]
    [InlineData("--format", "json")]
    public async Task CommandLine_Wrong_ExitTwoWithAHint(params string[] args)
    {
        CliRun run = await CliRun.InProcessAsync(args);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains("--help", run.Stderr);
        run.AssertNoStackTrace();
    }

    [Theory]
    [InlineData("balances")]
    [InlineData("attest")]
    [InlineData("deposit", "2", "5")]
    public async Task Command_ServerUnreachable_ExitOneWithAFriendlySentence(params string[] args)
    {
        string folder = Directory.CreateTempSubdirectory("dp-cli-unreachable-").FullName;
        try
        {
            string key = Path.Combine(folder, "key.json");
            _ = DarkPool.Cli.Internal.KeyFile.Write(key, DarkPool.Cli.Internal.KeyFile.NewPrivateKey(), null, false);
            string root = Path.Combine(folder, "root.pem");
            await File.WriteAllTextAsync(root, TestRoot.Pem);

            CliRun run = await CliRun.InProcessAsync(
                [.. args, "--server", "http://127.0.0.1:1", "--key", key, "--root", root, "--measurement", new string('a', 64), "--allow-simulated", "--timeout", "5"]);

            Assert.True(run.Code == 1, run.ToString());
            Assert.Contains("cannot reach the server at http://127.0.0.1:1", run.Stderr);
            run.AssertNoStackTrace();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Process_UnreachableServerAndUsageError_ExitCodesOfTheRealProgram()
    {
        string folder = Directory.CreateTempSubdirectory("dp-cli-process-").FullName;
        try
        {
            string key = Path.Combine(folder, "key.json");
            _ = DarkPool.Cli.Internal.KeyFile.Write(key, DarkPool.Cli.Internal.KeyFile.NewPrivateKey(), null, false);
            string root = Path.Combine(folder, "root.pem");
            await File.WriteAllTextAsync(root, TestRoot.Pem);

            CliRun unreachable = await CliRun.ProcessAsync(
                "orders", "--server", "http://127.0.0.1:1", "--key", key, "--root", root, "--measurement", new string('b', 64), "--format", "json");
            CliRun usage = await CliRun.ProcessAsync("order", "buy");

            Assert.True(unreachable.Code == 1, unreachable.ToString());
            Assert.Contains("cannot reach the server", unreachable.Stderr);
            Assert.False(unreachable.Json().GetProperty("ok").GetBoolean());
            unreachable.AssertNoStackTrace();
            Assert.Equal(2, usage.Code);
            usage.AssertNoStackTrace();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Command_MissingKeyFile_ExitOneNamingKeysCreate()
    {
        CliRun run = await CliRun.InProcessAsync("balances", "--key", "/nonexistent/darkpool/key.json", "--root", "/nonexistent/root.pem", "--measurement", new string('c', 64));

        Assert.Equal(1, run.Code);
        Assert.Contains("darkpool keys create", run.Stderr);
        run.AssertNoStackTrace();
    }
}
