using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Verification;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DarkPool.Enclave.Tests.Platform;

public sealed class SimulatedCollateralTests : IDisposable
{
    private static readonly byte[] KeyAgreementKey = Enumerable.Repeat((byte)0x04, 65).ToArray();
    private static readonly byte[] SettlementKey = Enumerable.Repeat((byte)0x02, 33).ToArray();
    private static readonly byte[] CpuSvn = [4, 4, 2, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly PlatformFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void GetCollateral_Default_VerifiesAsUpToDate()
    {
        using SimulatedPlatform platform = _fixture.Open();

        VerificationResult result = Verify(platform, platform.GetCollateral());

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(TcbStatus.UpToDate, result.TcbStatus);
    }

    [Fact]
    public void GetCollateral_Always_IsIssuedAtThePlatformsClockForThePlatformsFmspc()
    {
        using SimulatedPlatform platform = _fixture.Open();

        QuoteCollateral collateral = platform.GetCollateral();

        Assert.True(TcbInfo.TryParse(collateral.TcbInfoJson, out TcbInfo? tcbInfo, out string error), error);
        Assert.Equal(PlatformFixture.Now, tcbInfo.IssueDate);
        Assert.Equal(PlatformFixture.Now.AddDays(30), tcbInfo.NextUpdate);
        Assert.Equal(SimulatedPlatformOptions.DefaultFmspc.ToArray(), tcbInfo.Fmspc.ToArray());
        Assert.Contains("SIMULATED SGX TCB Signing", X509Certificate2.CreateFromPem(collateral.TcbInfoIssuerChain).Subject, StringComparison.Ordinal);
    }

    public static TheoryData<TcbStatus> Statuses() => new(Enum.GetValues<TcbStatus>());

    [Theory]
    [MemberData(nameof(Statuses))]
    public void GetCollateral_ConfiguredPlatformStatus_IsTheStatusVerified(TcbStatus status)
    {
        using SimulatedPlatform platform = _fixture.Open(_fixture.OptionsWith(new SimulatedCollateralOptions { PlatformTcbStatus = status }));

        VerificationResult result = Verify(platform, platform.GetCollateral());

        Assert.Equal(status, result.TcbStatus);
        Assert.Equal(status == TcbStatus.UpToDate ? [] : ["DARKPOOL-SIM-00001"], result.AdvisoryIds);
    }

    [Fact]
    public void GetCollateral_PckCertificateRevoked_FailsCertificateRevoked()
    {
        using SimulatedPlatform platform = _fixture.Open(_fixture.OptionsWith(new SimulatedCollateralOptions { PckCertificateRevoked = true }));

        Assert.Equal(VerificationCheck.CertificateRevoked, Verify(platform, platform.GetCollateral()).FailedCheck);
    }

    [Fact]
    public void TryOpen_ConfiguredTcb_IsWhatThePckCertificateCertifies()
    {
        var options = new SimulatedPlatformOptions { DataFolder = _fixture.DataFolder, TimeProvider = _fixture.Time, CpuSvn = CpuSvn, PceSecurityVersion = 15 };
        using SimulatedPlatform platform = _fixture.Open(options);
        using X509Certificate2 pck = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_fixture.DataFolder, "pck.pem")));

        Assert.True(SgxPckExtension.TryRead(pck, out SgxPckExtension? sgx, out string error), error);
        Assert.Equal(CpuSvn, sgx.TcbComponents.ToArray());
        Assert.Equal(15, sgx.PceSvn);
        Assert.Equal(SimulatedPlatformOptions.DefaultFmspc.ToArray(), sgx.Fmspc.ToArray());
        Assert.True(Verify(platform, platform.GetCollateral()).IsValid);
    }

    [Fact]
    public void TryOpen_TcbChangedSinceLastStart_ReissuesThePckCertificateForTheSameKey()
    {
        byte[] oldPck;
        byte[] ppid;
        using (SimulatedPlatform first = _fixture.Open())
        {
            oldPck = File.ReadAllBytes(Path.Combine(_fixture.DataFolder, "pck.pem"));
            ppid = ReadPck().Ppid.ToArray();
        }

        var upgraded = new SimulatedPlatformOptions { DataFolder = _fixture.DataFolder, TimeProvider = _fixture.Time, CpuSvn = CpuSvn };
        using SimulatedPlatform second = _fixture.Open(upgraded);

        Assert.NotEqual(oldPck, File.ReadAllBytes(Path.Combine(_fixture.DataFolder, "pck.pem")));
        Assert.Equal(CpuSvn, ReadPck().TcbComponents.ToArray());
        Assert.Equal(ppid, ReadPck().Ppid.ToArray());
        Assert.Single(_fixture.Logger.Lines, l => l.Event.Id == 6 && l.Level == LogLevel.Information);
        Assert.True(Verify(second, second.GetCollateral()).IsValid);
    }

    [Fact]
    public void TryOpen_SameTcbAgain_KeepsThePckCertificate()
    {
        _fixture.Open().Dispose();
        byte[] pck = File.ReadAllBytes(Path.Combine(_fixture.DataFolder, "pck.pem"));

        _fixture.Open().Dispose();

        Assert.Equal(pck, File.ReadAllBytes(Path.Combine(_fixture.DataFolder, "pck.pem")));
        Assert.DoesNotContain(_fixture.Logger.Lines, l => l.Event.Id == 6);
    }

    [Fact]
    public void TryOpen_TcbSigningCertificateMissing_FailsIncompleteState()
    {
        _fixture.Open().Dispose();
        File.Delete(Path.Combine(_fixture.DataFolder, "tcb-signing.pem"));

        Assert.False(SimulatedPlatform.TryOpen(_fixture.Options, _fixture.Identity, _fixture.Logger, out _, out PlatformOpenError error));
        Assert.Equal(PlatformOpenErrorKind.IncompleteState, error.Kind);
        Assert.Contains("tcb-signing.pem", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcb-signing.key.pem")]
    [InlineData("root-ca.key.pem")]
    [InlineData("platform-ca.key.pem")]
    public void TryOpen_KeyOfAnotherFolder_FailsCorruptState(string keyFile)
    {
        _fixture.Open().Dispose();
        using var other = new PlatformFixture();
        other.Open().Dispose();
        File.Copy(Path.Combine(other.DataFolder, keyFile), Path.Combine(_fixture.DataFolder, keyFile), overwrite: true);

        Assert.False(SimulatedPlatform.TryOpen(_fixture.Options, _fixture.Identity, _fixture.Logger, out _, out PlatformOpenError error));
        Assert.Equal(PlatformOpenErrorKind.CorruptState, error.Kind);
        Assert.Contains(keyFile, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_QeStatusNotAQeStatus_Throws() =>
        Assert.Throws<ArgumentException>(() => _fixture.Open(_fixture.OptionsWith(new SimulatedCollateralOptions { QeTcbStatus = TcbStatus.SWHardeningNeeded })));

    [Fact]
    public void TryOpen_FmspcNotSixBytes_Throws() =>
        Assert.Throws<ArgumentException>(() => _fixture.Open(new SimulatedPlatformOptions { DataFolder = _fixture.DataFolder, Fmspc = new byte[5] }));

    [Fact]
    public void CreateEvidence_WrittenToAFolder_IsTheThreeFilesAnAuditorVerifies()
    {
        using SimulatedPlatform platform = _fixture.Open();
        string folder = Path.Combine(Path.GetDirectoryName(_fixture.DataFolder)!, "evidence");
        var nonces = new NonceRegistry(_fixture.Time, TimeSpan.FromMinutes(5));
        var binding = new ReportDataBinding(KeyAgreementKey, SettlementKey, nonces.Issue());

        platform.CreateEvidence(binding.ToReportData()).WriteTo(folder);

        Assert.Equal(["collateral.json", "quote.bin", "root.der"], new DirectoryInfo(folder).GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(platform.RootCertificate.RawData, File.ReadAllBytes(Path.Combine(folder, "root.der")));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "collateral.json")));
        Assert.Equal(10, json.RootElement.EnumerateObject().Count());
        Assert.True(Evidence.TryReadFrom(folder, out Evidence? evidence, out EvidenceReadError readError), readError.ToString());
        var verifier = new QuoteVerifier(Policy(platform), nonces, _fixture.Time);
        Assert.True(verifier.Verify(evidence.Quote, binding, evidence.Collateral).IsValid);
    }

    private SgxPckExtension ReadPck()
    {
        using X509Certificate2 pck = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_fixture.DataFolder, "pck.pem")));
        Assert.True(SgxPckExtension.TryRead(pck, out SgxPckExtension? sgx, out string error), error);
        return sgx;
    }

    private VerificationPolicy Policy(SimulatedPlatform platform) => new()
    {
        PinnedRoot = platform.RootCertificate,
        QuotingEnclave = QuotingEnclavePolicy.Simulated,
        AllowedMeasurements = [_fixture.Identity.MrEnclave],
        AllowSimulation = true,
        RequireCollateral = true,
        AcceptedTcbStatuses = [TcbStatus.UpToDate],
    };

    private VerificationResult Verify(SimulatedPlatform platform, QuoteCollateral collateral)
    {
        var nonces = new NonceRegistry(_fixture.Time, TimeSpan.FromMinutes(5));
        var binding = new ReportDataBinding(KeyAgreementKey, SettlementKey, nonces.Issue());
        return new QuoteVerifier(Policy(platform), nonces, _fixture.Time).Verify(platform.CreateQuote(binding.ToReportData()), binding, collateral);
    }
}
