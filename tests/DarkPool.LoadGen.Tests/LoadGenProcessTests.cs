using System.Text.RegularExpressions;

namespace DarkPool.LoadGen.Tests;

/// <summary>
/// The built generator run as a process, the way figures are taken, with the lean client: a short paced run answers
/// every request planned in its measured window (400/s for 2 s after 1 s of warm-up: 800) and none fails.
/// </summary>
public sealed class LoadGenProcessTests
{
    private static readonly string[] ShortLeanRun = ["--client", "lean", "--rate", "400", "--seconds", "2", "--warmup", "1", "--sessions", "8", "--connections", "2"];

    [Fact]
    public async Task SealedMode_LeanClient_AnswersEveryPlannedRequest()
    {
        DirectoryInfo data = Directory.CreateTempSubdirectory("dp-loadgen-");
        try
        {
            LoadGenRun run = await LoadGenRun.ProcessAsync([.. ShortLeanRun, "--data", data.FullName]);

            Assert.True(run.Code == 0, run.ToString());
            Assert.Matches(new Regex(@"^durable answers: 800 in [0-9.]+ s = .*; failed 0\s*$", RegexOptions.Multiline), run.Stdout);
            Assert.Contains($"data {data.FullName}", run.Stdout, StringComparison.Ordinal);
            run.AssertNoStackTrace();
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task EchoMode_LeanClient_AnswersEveryPlannedRequest()
    {
        LoadGenRun run = await LoadGenRun.ProcessAsync(["--mode", "echo", .. ShortLeanRun]);

        Assert.True(run.Code == 0, run.ToString());
        Assert.Matches(new Regex(@"^echo answers: 800 in [0-9.]+ s = .*; failed 0\s*$", RegexOptions.Multiline), run.Stdout);
        run.AssertNoStackTrace();
    }
}
