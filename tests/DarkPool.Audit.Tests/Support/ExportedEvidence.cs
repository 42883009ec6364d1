using System.Text.Json;
using DarkPool.Gateway.Tests;

namespace DarkPool.Audit.Tests.Support;

/// <summary>
/// One server's data folder (the real server started once and stopped) and evidence exported from it with
/// <c>darkpool-audit evidence --data-folder</c>, shared read-only by a test class: the files, the nonce and keys the
/// command printed, and what a policy for this deployment pins (its measurement, its test root).
/// </summary>
public sealed class ExportedEvidence : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("dp-audit-").FullName;

    public string DataFolder => Path.Combine(Root, "data");

    public string EvidenceFolder => Path.Combine(Root, "evidence");

    public string QuotePath => Path.Combine(EvidenceFolder, "quote.bin");

    public string RootDerPath => Path.Combine(EvidenceFolder, "root.der");

    public string CollateralPath => Path.Combine(EvidenceFolder, "collateral.json");

    /// <summary>The server's measurement (MRENCLAVE), hex.</summary>
    public string Measurement { get; private set; } = string.Empty;

    /// <summary>The data folder's test root, PEM, as the server prints it to pin.</summary>
    public string RootPemPath { get; private set; } = string.Empty;

    /// <summary>The evidence command's JSON output.</summary>
    public JsonElement Exported { get; private set; }

    public string Nonce => Exported.GetProperty("nonce").GetString()!;

    public string KeyAgreementKey => Exported.GetProperty("key_agreement_public_key").GetString()!;

    public string SettlementKey => Exported.GetProperty("settlement_public_key").GetString()!;

    public async Task InitializeAsync()
    {
        await using (ServerFixture server = await ServerFixture.StartAsync(dataFolder: Root))
        {
            Measurement = server.Host.Measurement;
            RootPemPath = server.Host.RootCertificatePath;
        }

        AuditRun run = await AuditRun.InProcessAsync("evidence", "--data-folder", DataFolder, "--out", EvidenceFolder, "--format", "json");
        Assert.True(run.Code == 0, run.ToString());
        Exported = run.Json();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The arguments that verify the exported files, with the nonce and keys when <paramref name="withNonce"/>.</summary>
    public string[] FileArguments(string policy, bool withNonce = true) => withNonce
        ? ["verify-quote", "--quote", QuotePath, "--root", RootDerPath, "--collateral", CollateralPath, "--policy", policy,
            "--nonce", Nonce, "--key-agreement-key", KeyAgreementKey, "--settlement-key", SettlementKey]
        : ["verify-quote", "--quote", QuotePath, "--root", RootDerPath, "--collateral", CollateralPath, "--policy", policy];
}
