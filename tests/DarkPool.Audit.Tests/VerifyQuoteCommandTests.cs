using System.Text.Json;
using DarkPool.Attestation.Quotes;
using DarkPool.Audit.Tests.Support;

namespace DarkPool.Audit.Tests;

/// <summary>darkpool-audit verify-quote on exported files: every check in the table, and the one that failed named.</summary>
public sealed class VerifyQuoteCommandTests : IClassFixture<ExportedEvidence>, IDisposable
{
    private readonly ExportedEvidence _evidence;
    private readonly string _root = Directory.CreateTempSubdirectory("dp-audit-verify-").FullName;

    public VerifyQuoteCommandTests(ExportedEvidence evidence) => _evidence = evidence;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task VerifyQuote_FilesWithNonceUnderMatchingPolicy_ExitsZeroWithEveryCheckPassedOrSaidWhy()
    {
        string policy = PolicyFile.Simulated(_root, _evidence.Measurement);

        AuditRun run = await AuditRun.InProcessAsync([.. _evidence.FileArguments(policy), "--format", "json"]);

        Assert.True(run.Code == 0, run.ToString());
        JsonElement json = run.Json();
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal("passed", Checks.Result(json, "ReportData"));
        Assert.Equal("passed", Checks.Result(json, "Measurement"));
        Assert.Equal("passed", Checks.Result(json, "TcbStatus"));
        string[] skipped = ["NonceUnknown", "NonceReplayed", "NonceExpired", "Signer", "ProductId", "SecurityVersion"];
        Assert.Equal(skipped.Order(StringComparer.Ordinal), Checks.With(json, "skipped").Order(StringComparer.Ordinal));
        Assert.Empty(Checks.With(json, "failed"));
        Assert.Empty(Checks.With(json, "not_run"));
        Assert.Equal(32, json.GetProperty("checks").GetArrayLength());
        Assert.Equal("UpToDate", json.GetProperty("tcb_status").GetString());
        Assert.Equal(_evidence.Measurement, json.GetProperty("quote").GetProperty("mrenclave").GetString());
    }

    [Fact]
    public async Task VerifyQuote_TextFormat_PrintsTheTableAndPass()
    {
        string policy = PolicyFile.Simulated(_root, _evidence.Measurement);

        AuditRun run = await AuditRun.ProcessAsync(_evidence.FileArguments(policy));

        Assert.True(run.Code == 0, run.ToString());
        foreach (string check in new[] { "Format", "CertificateChain", "CertificateRevoked", "TcbInfoSignature", "QuoteSignature", "Measurement", "ReportData" })
        {
            Assert.Contains(check, run.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("PASS: every check passed", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public async Task VerifyQuote_FilesWithoutNonce_PassesSayingReportDataWasNotChecked()
    {
        string policy = PolicyFile.Simulated(_root, _evidence.Measurement);

        AuditRun run = await AuditRun.InProcessAsync([.. _evidence.FileArguments(policy, withNonce: false), "--format", "json"]);

        Assert.True(run.Code == 0, run.ToString());
        JsonElement json = run.Json();
        Assert.Equal("skipped", Checks.Result(json, "ReportData"));
        Assert.Equal("passed", Checks.Result(json, "QuoteSignature"));
    }

    [Fact]
    public async Task VerifyQuote_WrongNonce_FailsReportData()
    {
        string policy = PolicyFile.Simulated(_root, _evidence.Measurement);
        string[] args = _evidence.FileArguments(policy);
        args[Array.IndexOf(args, "--nonce") + 1] = new string('0', 64);

        AuditRun run = await AuditRun.InProcessAsync([.. args, "--format", "json"]);

        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal("ReportData", run.Json().GetProperty("failed_check").GetString());
        Assert.Contains("check ReportData failed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyQuote_MeasurementNotAllowed_ExitsOneNamingMeasurement()
    {
        string policy = PolicyFile.Simulated(_root, new string('a', 64));

        AuditRun run = await AuditRun.ProcessAsync(_evidence.FileArguments(policy));

        Assert.True(run.Code == 1, run.ToString());
        Assert.Contains("FAIL: Measurement: MRENCLAVE", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("check Measurement failed", run.Stderr, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task VerifyQuote_SimulationNotAllowed_ExitsOneNamingSimulation()
    {
        string policy = PolicyFile.Simulated(_root, _evidence.Measurement, ("allow_simulation", false), ("quoting_enclave", "simulated"));

        AuditRun run = await AuditRun.InProcessAsync([.. _evidence.FileArguments(policy), "--format", "json"]);

        Assert.True(run.Code == 1, run.ToString());
        JsonElement json = run.Json();
        Assert.Equal("Simulation", json.GetProperty("failed_check").GetString());
        Assert.Equal("passed", Checks.Result(json, "QuoteSignature"));
        Assert.Equal("not_run", Checks.Result(json, "Measurement"));
    }

    [Fact]
    public async Task VerifyQuote_SimulationNotAllowedWithIntelsQuotingEnclave_FailsAtTheQuotingEnclave()
    {
        string policy = PolicyFile.Simulated(_root, _evidence.Measurement, ("allow_simulation", null));

        AuditRun run = await AuditRun.InProcessAsync([.. _evidence.FileArguments(policy), "--format", "json"]);

        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal("QeIdentity", run.Json().GetProperty("failed_check").GetString());
    }

    [Fact]
    public async Task VerifyQuote_MinimumSecurityVersionAboveTheEnclaves_FailsSecurityVersion()
    {
        Assert.True(Quote.TryParse(File.ReadAllBytes(_evidence.QuotePath), out Quote? quote, out _));
        string policy = PolicyFile.Simulated(_root, _evidence.Measurement, ("min_isv_svn", quote.EnclaveReport.IsvSvn + 1));

        AuditRun run = await AuditRun.InProcessAsync([.. _evidence.FileArguments(policy), "--format", "json"]);

        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal("SecurityVersion", run.Json().GetProperty("failed_check").GetString());
    }

    [Fact]
    public async Task VerifyQuote_SignerPolicy_PassesWithTheEnclavesSignerAndFailsWithAnother()
    {
        Assert.True(Quote.TryParse(File.ReadAllBytes(_evidence.QuotePath), out Quote? quote, out _));
        ReportBody body = quote.EnclaveReport;
        string good = PolicyFile.Simulated(_root, _evidence.Measurement, ("mrenclave", null), ("mrsigner", body.MrSigner.ToString()), ("isv_prod_id", body.IsvProdId));
        string other = PolicyFile.Simulated(_root, _evidence.Measurement, ("mrenclave", null), ("mrsigner", new string('b', 64)), ("isv_prod_id", body.IsvProdId));

        AuditRun passed = await AuditRun.InProcessAsync([.. _evidence.FileArguments(good), "--format", "json"]);
        AuditRun failed = await AuditRun.InProcessAsync([.. _evidence.FileArguments(other), "--format", "json"]);

        Assert.True(passed.Code == 0, passed.ToString());
        Assert.Equal("skipped", Checks.Result(passed.Json(), "Measurement"));
        Assert.Equal("passed", Checks.Result(passed.Json(), "Signer"));
        Assert.True(failed.Code == 1, failed.ToString());
        Assert.Equal("Signer", failed.Json().GetProperty("failed_check").GetString());
    }

    [Theory]
    [InlineData(10, "Format")]
    [InlineData(200, "QuoteSignature")]
    public async Task VerifyQuote_CorruptedQuoteFile_ExitsOneNamingTheCheck(int damage, string check)
    {
        byte[] bytes = File.ReadAllBytes(_evidence.QuotePath);
        if (damage == 10)
        {
            bytes = bytes[..damage];
        }
        else
        {
            bytes[damage] ^= 0x01;
        }

        string quote = Path.Combine(_root, "corrupted.bin");
        File.WriteAllBytes(quote, bytes);
        string[] args = _evidence.FileArguments(PolicyFile.Simulated(_root, _evidence.Measurement));
        args[Array.IndexOf(args, "--quote") + 1] = quote;

        AuditRun run = await AuditRun.ProcessAsync([.. args, "--format", "json"]);

        Assert.True(run.Code == 1, run.ToString());
        Assert.Equal(check, run.Json().GetProperty("failed_check").GetString());
        Assert.Contains($"check {check} failed", run.Stderr, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task VerifyQuote_CollateralThatDoesNotParse_FailsCollateralNamingTheField()
    {
        string collateral = Path.Combine(_root, "collateral.json");
        File.WriteAllText(collateral, File.ReadAllText(_evidence.CollateralPath).Replace("\"pck_crl\"", "\"pck_crl_gone\"", StringComparison.Ordinal));
        string[] args = _evidence.FileArguments(PolicyFile.Simulated(_root, _evidence.Measurement));
        args[Array.IndexOf(args, "--collateral") + 1] = collateral;

        AuditRun run = await AuditRun.InProcessAsync([.. args, "--format", "json"]);

        Assert.True(run.Code == 1, run.ToString());
        JsonElement json = run.Json();
        Assert.Equal("Collateral", json.GetProperty("failed_check").GetString());
        Assert.Contains("pck_crl", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyQuote_AfterTheCollateralExpired_FailsAValidityCheck()
    {
        string[] args = [.. _evidence.FileArguments(PolicyFile.Simulated(_root, _evidence.Measurement)), "--at", DateTimeOffset.UtcNow.AddDays(60).ToString("O"), "--format", "json"];

        AuditRun run = await AuditRun.InProcessAsync(args);

        Assert.True(run.Code == 1, run.ToString());
        Assert.EndsWith("Validity", run.Json().GetProperty("failed_check").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", "is not JSON")]
    [InlineData("{\"allow_simulation\": true}", "allows no enclave")]
    [InlineData("{\"mrenclave\": [\"xyz\"]}", "'mrenclave'")]
    [InlineData("{\"mrenclave\": [], \"mrsigner\": \"0000000000000000000000000000000000000000000000000000000000000000\"}", "needs 'isv_prod_id'")]
    [InlineData("{\"mrenclave\": [\"0000000000000000000000000000000000000000000000000000000000000000\"], \"allow_simulaton\": true}", "unknown field 'allow_simulaton'")]
    [InlineData("{\"mrenclave\": [\"0000000000000000000000000000000000000000000000000000000000000000\"], \"accepted_tcb_statuses\": [\"Revoked\"]}", "Revoked")]
    [InlineData("{\"mrenclave\": [\"0000000000000000000000000000000000000000000000000000000000000000\"], \"min_isv_svn\": -1}", "'min_isv_svn'")]
    public async Task VerifyQuote_BadPolicyFile_ExitsOneNamingTheProblem(string text, string reason)
    {
        string policy = PolicyFile.Write(_root, text);

        AuditRun run = await AuditRun.InProcessAsync(_evidence.FileArguments(policy));

        Assert.True(run.Code == 1, run.ToString());
        Assert.Contains(reason, run.Stderr, StringComparison.Ordinal);
        Assert.Contains(policy, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task VerifyQuote_MissingQuoteFile_ExitsOneNamingIt()
    {
        string[] args = _evidence.FileArguments(PolicyFile.Simulated(_root, _evidence.Measurement));
        string missing = Path.Combine(_root, "missing.bin");
        args[Array.IndexOf(args, "--quote") + 1] = missing;

        AuditRun run = await AuditRun.ProcessAsync(args);

        Assert.True(run.Code == 1, run.ToString());
        Assert.Contains($"cannot read the quote {missing}", run.Stderr, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task VerifyQuote_RootThatIsNoCertificate_ExitsOne()
    {
        string root = Path.Combine(_root, "root.der");
        File.WriteAllBytes(root, [1, 2, 3]);
        string[] args = _evidence.FileArguments(PolicyFile.Simulated(_root, _evidence.Measurement));
        args[Array.IndexOf(args, "--root") + 1] = root;

        AuditRun run = await AuditRun.InProcessAsync(args);

        Assert.True(run.Code == 1, run.ToString());
        Assert.Contains("the root certificate is not an X.509 certificate", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyQuote_AnotherRootPinned_FailsCertificateChain()
    {
        var other = new ExportedEvidence();
        await other.InitializeAsync();
        try
        {
            string[] args = _evidence.FileArguments(PolicyFile.Simulated(_root, _evidence.Measurement));
            args[Array.IndexOf(args, "--root") + 1] = other.RootPemPath;

            AuditRun run = await AuditRun.InProcessAsync([.. args, "--format", "json"]);

            Assert.True(run.Code == 1, run.ToString());
            Assert.Equal("CertificateChain", run.Json().GetProperty("failed_check").GetString());
        }
        finally
        {
            await other.DisposeAsync();
        }
    }
}
