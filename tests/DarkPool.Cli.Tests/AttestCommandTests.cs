using System.Text.Json;
using DarkPool.Cli.Tests.Support;

namespace DarkPool.Cli.Tests;

public sealed class AttestCommandTests(CliServer server) : IClassFixture<CliServer>
{
    [Fact]
    public async Task Attest_PinnedSimulatedServer_PrintsTheMeasurementAndEveryCheck()
    {
        CliRun text = await CliRun.InProcessAsync(["attest", .. server.Pins]);
        CliRun json = await CliRun.InProcessAsync(["attest", .. server.Pins, "--format", "json"]);

        Assert.True(text.Code == 0, text.ToString());
        Assert.Contains(server.Server.Host.Measurement, text.Stdout);
        Assert.Contains("VERIFIED (SIMULATED enclave)", text.Stdout);
        Assert.Contains("report_data", text.Stdout);
        Assert.Equal(0, json.Code);
        JsonElement d = json.Json();
        Assert.True(d.GetProperty("ok").GetBoolean());
        Assert.Equal(server.Server.Host.Measurement, d.GetProperty("measurement").GetString());
        Assert.True(d.GetProperty("simulated").GetBoolean());
        var checks = d.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("check").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("pass", checks["measurement"]);
        Assert.Equal("pass", checks["quote_signature"]);
        Assert.Equal("pass", checks["report_data"]);
        Assert.Equal("pass", checks["nonce_replayed"]);
        Assert.Equal("pass", checks["simulation"]);
        Assert.DoesNotContain(checks.Values, s => s is "fail" or "not_run");
    }

    [Fact]
    public async Task Attest_NoMeasurementPinned_PrintsTheObservedOneAndFails()
    {
        CliRun run = await CliRun.InProcessAsync(
            "attest", "--server", server.Address, "--root", server.Server.Host.RootCertificatePath, "--allow-simulated", "--format", "json");

        Assert.Equal(1, run.Code);
        JsonElement d = run.Json();
        Assert.False(d.GetProperty("ok").GetBoolean());
        Assert.False(d.GetProperty("measurement_pinned").GetBoolean());
        Assert.Equal(server.Server.Host.Measurement, d.GetProperty("measurement").GetString());
        JsonElement measurement = d.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetString() == "measurement");
        Assert.Equal("fail", measurement.GetProperty("status").GetString());
        Assert.Contains("NOT PINNED", measurement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Attest_WrongMeasurement_FailsAtTheMeasurementCheck()
    {
        CliRun run = await CliRun.InProcessAsync(
            "attest", "--server", server.Address, "--root", server.Server.Host.RootCertificatePath, "--allow-simulated",
            "--measurement", new string('a', 64), "--format", "json");

        Assert.Equal(1, run.Code);
        Assert.Equal("measurement", run.Json().GetProperty("failed_check").GetString());
    }

    [Fact]
    public async Task Attest_SimulatedServerWithoutAllowSimulated_Fails()
    {
        CliRun run = await CliRun.InProcessAsync(
            "attest", "--server", server.Address, "--root", server.Server.Host.RootCertificatePath, "--measurement", server.Server.Host.Measurement);

        Assert.Equal(1, run.Code);
        Assert.Contains("NOT VERIFIED", run.Stdout);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Attest_SavePolicy_ThenAnotherCommandConnectsWithThePolicyFileAlone()
    {
        string policy = Path.Combine(server.Folder, "policy.json");
        (string key, _) = await server.TraderAsync(quoteUnits: 1_000);

        CliRun attest = await CliRun.InProcessAsync(["attest", .. server.Pins, "--save-policy", policy]);
        CliRun balances = await CliRun.InProcessAsync("balances", "--server", server.Address, "--policy", policy, "--key", key, "--format", "json");

        Assert.True(attest.Code == 0, attest.ToString());
        using (JsonDocument saved = JsonDocument.Parse(File.ReadAllText(policy)))
        {
            Assert.Equal(server.Server.Host.Measurement, saved.RootElement.GetProperty("mrenclave")[0].GetString());
            Assert.True(saved.RootElement.GetProperty("allow_simulation").GetBoolean());
        }

        Assert.True(balances.Code == 0, balances.ToString());
        Assert.Contains("SIMULATED", balances.Stderr);
    }

    [Fact]
    public async Task Attest_PinnedRootFileMissing_FailsWithAFriendlySentence()
    {
        string empty = Directory.CreateTempSubdirectory("dp-cli-noroot-").FullName;
        try
        {
            CliRun run = await CliRun.InProcessAsync("attest", "--server", server.Address, "--data-folder", empty, "--allow-simulated");

            Assert.Equal(1, run.Code);
            Assert.Contains("does not exist", run.Stderr);
            run.AssertNoStackTrace();
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
