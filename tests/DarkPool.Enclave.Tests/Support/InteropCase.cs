using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Verification;
using DarkPool.Enclave.Platform;

namespace DarkPool.Enclave.Tests.Support;

/// <summary>
/// One row of the agreement matrix: a fresh data folder and platform configured by the case, a quote over a fresh
/// nonce, its collateral, an optional change to either, then both verifiers on the same evidence files at the same time.
/// </summary>
internal sealed class InteropCase : IDisposable
{
    private static readonly byte[] KeyAgreementKey = Enumerable.Repeat((byte)0x04, 65).ToArray();
    private static readonly byte[] SettlementKey = Enumerable.Repeat((byte)0x02, 33).ToArray();

    private readonly PlatformFixture _fixture = new();
    private readonly string _evidenceFolder = Directory.CreateTempSubdirectory("dp-evidence-").FullName;

    /// <summary>Every status but Revoked: like the library, this leaves the choice of acceptable statuses to the caller.</summary>
    public static IReadOnlyCollection<TcbStatus> AllButRevoked { get; } = Enum.GetValues<TcbStatus>().Where(s => s != TcbStatus.Revoked).ToArray();

    public SimulatedCollateralOptions Collateral { get; init; } = new();

    /// <summary>When both verifiers run, after the platform issued everything at <see cref="PlatformFixture.Now"/>.</summary>
    public TimeSpan VerifyAfter { get; init; } = TimeSpan.FromHours(1);

    public Func<byte[], byte[]>? ChangeQuote { get; init; }

    public Func<QuoteCollateral, DataFolderPki, QuoteCollateral>? ChangeCollateral { get; init; }

    /// <summary>Have the library pin Intel's SGX root (built into it) instead of root.der.</summary>
    public bool LibraryPinsIntelRoot { get; init; }

    public PlatformFixture Fixture => _fixture;

    public (DcapQvlOutcome Phala, VerificationResult Ours, ReportDataBinding Binding) Run(IReadOnlyCollection<TcbStatus>? accepted = null)
    {
        DateTimeOffset now = PlatformFixture.Now + VerifyAfter;
        var verifierTime = new ManualTimeProvider(now);
        var nonces = new NonceRegistry(verifierTime, TimeSpan.FromMinutes(5));
        var binding = new ReportDataBinding(KeyAgreementKey, SettlementKey, nonces.Issue());
        Evidence evidence;
        using (SimulatedPlatform platform = _fixture.Open(_fixture.OptionsWith(Collateral)))
        {
            evidence = platform.CreateEvidence(binding.ToReportData());
        }

        byte[] quote = ChangeQuote?.Invoke(evidence.Quote.ToArray()) ?? evidence.Quote.ToArray();
        QuoteCollateral collateral = evidence.Collateral;
        if (ChangeCollateral is not null)
        {
            using var pki = new DataFolderPki(_fixture.DataFolder);
            collateral = ChangeCollateral(collateral, pki);
        }

        new Evidence(quote, evidence.RootCertificate.Span, collateral).WriteTo(_evidenceFolder);

        // Ours reads the same files the library reads.
        Assert.True(Evidence.TryReadFrom(_evidenceFolder, out Evidence? written, out EvidenceReadError readError), readError.ToString());
        using var root = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(written.RootCertificate.Span);
        var policy = new VerificationPolicy
        {
            PinnedRoot = root,
            QuotingEnclave = QuotingEnclavePolicy.Simulated,
            AllowedMeasurements = [_fixture.Identity.MrEnclave],
            AllowSimulation = true,
            RequireCollateral = true,
            AcceptedTcbStatuses = accepted ?? AllButRevoked,
        };
        VerificationResult ours = new QuoteVerifier(policy, nonces, verifierTime).Verify(written.Quote, binding, written.Collateral);
        DcapQvlOutcome phala = DcapQvl.Verify(_evidenceFolder, now, LibraryPinsIntelRoot);
        return (phala, ours, binding);
    }

    public void Dispose()
    {
        _fixture.Dispose();
        Directory.Delete(_evidenceFolder, recursive: true);
    }
}
