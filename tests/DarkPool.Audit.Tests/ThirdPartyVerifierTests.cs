using System.Text.Json;
using DarkPool.Attestation.Binding;
using DarkPool.Audit.Tests.Support;
using DarkPool.Enclave.Tests.Support;
using DarkPool.Gateway.Tests;

namespace DarkPool.Audit.Tests;

/// <summary>
/// Issue 9's end: a fresh quote from the running server, exported with <c>darkpool-audit evidence --server</c> (the
/// built tool, as a process), is accepted by Phala's @phala/dcap-qvl (pinned, through the auditor's verify-evidence.js)
/// with status UpToDate, our MRENCLAVE and REPORTDATA; and by verify-quote against the live server.
/// </summary>
public sealed class ThirdPartyVerifierTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-audit-interop-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task DcapQvl_FreshQuoteExportedFromRunningServer_AcceptsUpToDateWithOurMeasurementAndReportData()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(socket: true);
        string folder = Path.Combine(_root, "evidence");

        AuditRun run = await AuditRun.ProcessAsync("evidence", "--server", server.Address, "--out", folder, "--format", "json");
        DcapQvlOutcome phala = DcapQvl.Verify(folder, DateTimeOffset.UtcNow);

        Assert.True(run.Code == 0, run.ToString());
        JsonElement exported = run.Json();
        byte[] reportData = new ReportDataBinding(
            Convert.FromHexString(exported.GetProperty("key_agreement_public_key").GetString()!),
            Convert.FromHexString(exported.GetProperty("settlement_public_key").GetString()!),
            Convert.FromHexString(exported.GetProperty("nonce").GetString()!)).ToReportData();
        Assert.True(phala.Ok, phala.ToString());
        Assert.Equal("UpToDate", phala.Status);
        Assert.Equal(server.Host.Measurement, phala.MrEnclave);
        Assert.Equal(Convert.ToHexStringLower(reportData), phala.ReportData);
        Assert.True(phala.Simulated);
    }

    [Fact]
    public async Task VerifyQuote_RunningServer_PassesEveryCheckIncludingTheFreshNonce()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(socket: true);
        string policy = PolicyFile.Simulated(_root, server.Host.Measurement);

        AuditRun run = await AuditRun.ProcessAsync("verify-quote", "--server", server.Address, "--root", server.Host.RootCertificatePath, "--policy", policy, "--format", "json");

        Assert.True(run.Code == 0, run.ToString());
        JsonElement json = run.Json();
        Assert.Equal("passed", Checks.Result(json, "ReportData"));
        Assert.Equal("passed", Checks.Result(json, "NonceUnknown"));
        Assert.Equal("passed", Checks.Result(json, "NonceReplayed"));
        Assert.Equal("passed", Checks.Result(json, "NonceExpired"));
        Assert.Equal(server.Host.Measurement, json.GetProperty("quote").GetProperty("mrenclave").GetString());
    }

    [Fact]
    public async Task VerifyQuote_RunningServerWithoutRoot_PinsTheServersRootOnlyWhenSimulationIsAllowed()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(socket: true);
        string simulated = PolicyFile.Simulated(_root, server.Host.Measurement);
        string production = PolicyFile.Simulated(_root, server.Host.Measurement, ("allow_simulation", null));

        AuditRun allowed = await AuditRun.InProcessAsync("verify-quote", "--server", server.Address, "--policy", simulated);
        AuditRun refused = await AuditRun.InProcessAsync("verify-quote", "--server", server.Address, "--policy", production);

        Assert.True(allowed.Code == 0, allowed.ToString());
        Assert.Contains("the server's own root", allowed.Stdout, StringComparison.Ordinal);
        Assert.True(refused.Code == 2, refused.ToString());
        Assert.Contains("pin a root with --root", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyQuote_RunningServerWithAnotherMeasurementAllowed_ExitsOneNamingMeasurement()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(socket: true);
        string policy = PolicyFile.Simulated(_root, new string('d', 64));

        AuditRun run = await AuditRun.InProcessAsync("verify-quote", "--server", server.Address, "--root", server.Host.RootCertificatePath, "--policy", policy);

        Assert.True(run.Code == 1, run.ToString());
        Assert.Contains("FAIL: Measurement", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyQuote_UnreachableServer_ExitsOneWithOneLine()
    {
        string policy = PolicyFile.Simulated(_root, new string('d', 64));

        AuditRun run = await AuditRun.ProcessAsync("verify-quote", "--server", "http://127.0.0.1:1", "--policy", policy);

        Assert.True(run.Code == 1, run.ToString());
        Assert.StartsWith("darkpool-audit: cannot reach the server at http://127.0.0.1:1/", run.Stderr, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }
}
