using System.Text.Json;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Quotes;
using DarkPool.Audit.Tests.Support;
using DarkPool.Gateway.Tests;

namespace DarkPool.Audit.Tests;

/// <summary>darkpool-audit evidence: from a running server and from a stopped server's data folder.</summary>
public sealed class EvidenceCommandTests : IClassFixture<ExportedEvidence>, IDisposable
{
    // The ten fields of issue 9, the names of Intel's PCCS and Phala's dcap-qvl.
    private static readonly string[] CollateralFields =
    [
        "pck_crl_issuer_chain", "root_ca_crl", "pck_crl", "tcb_info_issuer_chain", "tcb_info", "tcb_info_signature",
        "qe_identity_issuer_chain", "qe_identity", "qe_identity_signature", "pck_certificate_chain",
    ];

    private readonly ExportedEvidence _exported;
    private readonly string _root = Directory.CreateTempSubdirectory("dp-audit-evidence-").FullName;

    public EvidenceCommandTests(ExportedEvidence exported) => _exported = exported;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Evidence_DataFolder_WritesExactlyTheThreeFilesWithTheIssuesCollateralFields()
    {
        Assert.Equal(["collateral.json", "quote.bin", "root.der"], Directory.GetFiles(_exported.EvidenceFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using JsonDocument collateral = JsonDocument.Parse(File.ReadAllText(_exported.CollateralPath));
        Assert.Equal(CollateralFields, collateral.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.True(Evidence.TryReadFrom(_exported.EvidenceFolder, out Evidence? evidence, out EvidenceReadError error), error.ToString());
        Assert.True(Quote.TryParse(evidence.Quote, out Quote? quote, out _));
        Assert.Equal(_exported.Measurement, quote.EnclaveReport.MrEnclave.ToString());
        Assert.True(quote.IsSimulated);
    }

    [Fact]
    public void Evidence_DataFolder_PrintsTheNonceAndKeysThatTheQuotesReportDataBinds()
    {
        Assert.True(Quote.TryParse(File.ReadAllBytes(_exported.QuotePath), out Quote? quote, out _));
        byte[] expected = new ReportDataBinding(
            Convert.FromHexString(_exported.KeyAgreementKey),
            Convert.FromHexString(_exported.SettlementKey),
            Convert.FromHexString(_exported.Nonce)).ToReportData();

        Assert.Equal(Convert.ToHexStringLower(expected), _exported.Exported.GetProperty("report_data").GetString());
        Assert.Equal(expected, quote.EnclaveReport.ReportData.ToArray());
        Assert.Equal(_exported.Measurement, _exported.Exported.GetProperty("mrenclave").GetString());
    }

    [Fact]
    public async Task Evidence_RunningServerWithNonce_QuoteBindsThatNonce()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(socket: true);
        string nonce = new('7', 64);
        string folder = Path.Combine(_root, "live");

        AuditRun run = await AuditRun.InProcessAsync("evidence", "--server", server.Address, "--nonce", nonce, "--out", folder, "--format", "json");

        Assert.True(run.Code == 0, run.ToString());
        JsonElement json = run.Json();
        Assert.Equal(nonce, json.GetProperty("nonce").GetString());
        Assert.True(Quote.TryParse(File.ReadAllBytes(Path.Combine(folder, "quote.bin")), out Quote? quote, out _));
        byte[] expected = new ReportDataBinding(
            Convert.FromHexString(json.GetProperty("key_agreement_public_key").GetString()!),
            Convert.FromHexString(json.GetProperty("settlement_public_key").GetString()!),
            Convert.FromHexString(nonce)).ToReportData();
        Assert.Equal(expected, quote.EnclaveReport.ReportData.ToArray());
        Assert.Equal(server.Host.Measurement, quote.EnclaveReport.MrEnclave.ToString());
    }

    [Fact]
    public async Task Evidence_RunningServerWithoutNonce_DrawsAFreshOneAndPrintsIt()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(socket: true);

        AuditRun first = await AuditRun.InProcessAsync("evidence", "--server", server.Address, "--out", Path.Combine(_root, "a"));
        AuditRun second = await AuditRun.InProcessAsync("evidence", "--server", server.Address, "--out", Path.Combine(_root, "b"), "--format", "json");

        Assert.True(first.Code == 0, first.ToString());
        Assert.True(second.Code == 0, second.ToString());
        Assert.Contains("nonce", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("darkpool-audit verify-quote --quote", first.Stdout, StringComparison.Ordinal);
        string nonce = second.Json().GetProperty("nonce").GetString()!;
        Assert.Equal(64, nonce.Length);
        Assert.DoesNotContain(nonce, first.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_DataFolderHeldByRunningServer_ExitsOneSayingUseServer()
    {
        await using ServerFixture server = await ServerFixture.StartAsync();

        AuditRun run = await AuditRun.InProcessAsync("evidence", "--data-folder", server.DataFolder, "--out", Path.Combine(_root, "held"));

        Assert.True(run.Code == 1, run.ToString());
        Assert.Contains("use --server instead", run.Stderr, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Evidence_FolderThatIsNoDataFolder_ExitsOneAndCreatesNothing()
    {
        string empty = Path.Combine(_root, "empty");
        Directory.CreateDirectory(empty);

        AuditRun run = await AuditRun.ProcessAsync("evidence", "--data-folder", empty, "--out", Path.Combine(_root, "out"));

        Assert.True(run.Code == 1, run.ToString());
        Assert.Contains("is not a DarkPool server's data folder", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(empty));
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Evidence_MissingDataFolder_ExitsOne()
    {
        string missing = Path.Combine(_root, "no-such-folder");

        AuditRun run = await AuditRun.InProcessAsync("evidence", "--data-folder", missing, "--out", Path.Combine(_root, "out"));

        Assert.True(run.Code == 1, run.ToString());
        Assert.Contains($"{missing} does not exist", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }
}
