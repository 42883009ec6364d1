using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Verification;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DarkPool.Enclave.Tests.Platform;

public sealed class SimulatedPlatformTests : IDisposable
{
    private static readonly byte[] KeyAgreementKey = Enumerable.Repeat((byte)0x04, 65).ToArray();
    private static readonly byte[] SettlementKey = Enumerable.Repeat((byte)0x02, 33).ToArray();

    private readonly PlatformFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void TryOpen_NewDataFolder_ExportsSelfSignedSimulatedRootPem()
    {
        using SimulatedPlatform platform = _fixture.Open();

        using X509Certificate2 root = X509Certificate2.CreateFromPem(File.ReadAllText(platform.RootCertificatePath));
        Assert.Equal(Path.Combine(_fixture.DataFolder, "root-ca.pem"), platform.RootCertificatePath);
        Assert.Equal(root.Subject, root.Issuer);
        Assert.Contains("SIMULATED", root.Subject, StringComparison.Ordinal);
        Assert.Equal(platform.RootCertificate.RawData, root.RawData);
        Assert.True(platform.IsSimulated);
    }

    [Fact]
    public void TryOpen_SameFolderAgain_KeepsRootAndQeId()
    {
        byte[] firstRoot;
        byte[] firstQuote;
        using (SimulatedPlatform first = _fixture.Open())
        {
            firstRoot = first.RootCertificate.RawData;
            firstQuote = first.CreateQuote(new byte[64]);
        }

        using SimulatedPlatform second = _fixture.Open();
        byte[] secondQuote = second.CreateQuote(new byte[64]);

        Assert.Equal(firstRoot, second.RootCertificate.RawData);
        Assert.Equal(firstQuote.AsSpan(QuoteLayout.QeIdOffset, 16).ToArray(), secondQuote.AsSpan(QuoteLayout.QeIdOffset, 16).ToArray());
    }

    [Fact]
    public void TryOpen_Always_WarnsThatThePlatformIsSimulated()
    {
        using SimulatedPlatform platform = _fixture.Open();

        (LogLevel level, EventId id, string message) = Assert.Single(_fixture.Logger.Lines, l => l.Event.Id == 1);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal("SimulatedPlatformStarted", id.Name);
        Assert.Contains("SIMULATED", message, StringComparison.Ordinal);
        Assert.Contains("no hardware isolation", message, StringComparison.Ordinal);
        Assert.Contains(_fixture.Logger.Lines, l => l.Event.Id == 2 && l.Message.Contains(_fixture.Identity.MrEnclave.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void TryOpen_Always_LogsNoKeyMaterial()
    {
        using (SimulatedPlatform platform = _fixture.Open())
        {
            platform.RotateSealKeyGeneration();
        }

        string secretHex = Convert.ToHexString(File.ReadAllBytes(Path.Combine(_fixture.DataFolder, "platform-secret.bin")));
        string secretBase64 = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(_fixture.DataFolder, "platform-secret.bin")));
        string[] keyFiles = ["root-ca.key.pem", "platform-ca.key.pem", "pck.key.pem", "tcb-signing.key.pem"];
        string[] keyBodies = keyFiles.Select(f => File.ReadAllLines(Path.Combine(_fixture.DataFolder, f))[1]).ToArray();
        Assert.NotEmpty(_fixture.Logger.Lines);
        Assert.All(_fixture.Logger.Lines, line =>
        {
            Assert.DoesNotContain(secretHex, line.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secretBase64, line.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", line.Message, StringComparison.Ordinal);
            Assert.All(keyBodies, body => Assert.DoesNotContain(body, line.Message, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void CreateQuote_VerifiedWithExportedRoot_IsValidAndSimulated()
    {
        using SimulatedPlatform platform = _fixture.Open();
        using X509Certificate2 exportedRoot = X509Certificate2.CreateFromPem(File.ReadAllText(platform.RootCertificatePath));
        (QuoteVerifier verifier, ReportDataBinding binding) = VerifierFor(VerificationPolicy.Simulation(exportedRoot, [_fixture.Identity.MrEnclave], null));

        byte[] quote = platform.CreateQuote(binding.ToReportData());
        VerificationResult result = verifier.Verify(quote, binding);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(_fixture.Identity, result.Identity);
        Assert.True(result.IsSimulated);
    }

    [Fact]
    public void CreateQuote_Always_MarksItselfSimulatedAtOffset44()
    {
        using SimulatedPlatform platform = _fixture.Open();

        byte[] quote = platform.CreateQuote(new byte[64]);

        Assert.Equal((uint)PlatformFlags.Simulated, BinaryPrimitives.ReadUInt32LittleEndian(quote.AsSpan(44)));
        Assert.Equal(QuoteLayout.IntelQeVendorId.ToArray(), quote.AsSpan(QuoteLayout.QeVendorIdOffset, 16).ToArray());
    }

    [Fact]
    public void CreateQuote_UnderPolicyNotAllowingSimulation_FailsSimulation()
    {
        using SimulatedPlatform platform = _fixture.Open();
        var noSimulation = new VerificationPolicy
        {
            PinnedRoot = platform.RootCertificate,
            QuotingEnclave = QuotingEnclavePolicy.Simulated,
            AllowedMeasurements = [_fixture.Identity.MrEnclave],
        };
        (QuoteVerifier verifier, ReportDataBinding binding) = VerifierFor(noSimulation);

        VerificationResult result = verifier.Verify(platform.CreateQuote(binding.ToReportData()), binding);

        Assert.Equal(VerificationCheck.Simulation, result.FailedCheck);
    }

    [Fact]
    public void CreateQuote_UnderProductionPolicy_IsRejected()
    {
        using SimulatedPlatform platform = _fixture.Open();
        (QuoteVerifier verifier, ReportDataBinding binding) = VerifierFor(VerificationPolicy.Production(platform.RootCertificate, [_fixture.Identity.MrEnclave], null));

        VerificationResult result = verifier.Verify(platform.CreateQuote(binding.ToReportData()), binding);

        Assert.Equal(VerificationCheck.QeIdentity, result.FailedCheck);
    }

    [Fact]
    public void CreateQuote_UnderPolicyPinningAnotherRoot_FailsCertificateChainAndSaysSimulated()
    {
        using SimulatedPlatform platform = _fixture.Open();
        using var other = new PlatformFixture();
        using SimulatedPlatform otherPlatform = other.Open();
        (QuoteVerifier verifier, ReportDataBinding binding) = VerifierFor(VerificationPolicy.Production(otherPlatform.RootCertificate, [_fixture.Identity.MrEnclave], null));

        VerificationResult result = verifier.Verify(platform.CreateQuote(binding.ToReportData()), binding);

        Assert.Equal(VerificationCheck.CertificateChain, result.FailedCheck);
        Assert.Contains("simulated platform", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateQuote_DebugEnclave_FailsDebugUnderSimulationPolicy()
    {
        using SimulatedPlatform platform = _fixture.Open(_fixture.Identity with { Debug = true });
        (QuoteVerifier verifier, ReportDataBinding binding) = VerifierFor(VerificationPolicy.Simulation(platform.RootCertificate, [_fixture.Identity.MrEnclave], null));

        VerificationResult result = verifier.Verify(platform.CreateQuote(binding.ToReportData()), binding);

        Assert.Equal(VerificationCheck.Debug, result.FailedCheck);
    }

    [Fact]
    public void CreateQuote_AfterPckCertificateExpired_FailsCertificateValidity()
    {
        using SimulatedPlatform platform = _fixture.Open();
        var verifierTime = new ManualTimeProvider(PlatformFixture.Now + TimeSpan.FromDays(8 * 365));
        var nonces = new NonceRegistry(verifierTime, TimeSpan.FromMinutes(5));
        var verifier = new QuoteVerifier(VerificationPolicy.Simulation(platform.RootCertificate, [_fixture.Identity.MrEnclave], null), nonces, verifierTime);
        var binding = new ReportDataBinding(KeyAgreementKey, SettlementKey, nonces.Issue());

        VerificationResult result = verifier.Verify(platform.CreateQuote(binding.ToReportData()), binding);

        Assert.Equal(VerificationCheck.CertificateValidity, result.FailedCheck);
    }

    [Fact]
    public void CreateQuote_FlagClearedByHostHoldingThePckKey_FailsSimulationFlag()
    {
        using SimulatedPlatform platform = _fixture.Open();
        (QuoteVerifier verifier, ReportDataBinding binding) = VerifierFor(VerificationPolicy.Simulation(platform.RootCertificate, [_fixture.Identity.MrEnclave], null));
        Assert.True(Quote.TryParse(platform.CreateQuote(binding.ToReportData()), out Quote? genuine, out _));

        // What the operator can do with the data folder: sign a quote that claims hardware with the PCK key on disk.
        using var pckKey = ECDsa.Create();
        pckKey.ImportFromPem(File.ReadAllText(Path.Combine(_fixture.DataFolder, "pck.key.pem")));
        using var attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] qeAuthData = new byte[32];
        var qeReport = new ReportBodyContent
        {
            CpuSvn = new byte[16],
            Attributes = EnclaveAttributes.Init | EnclaveAttributes.Mode64Bit | EnclaveAttributes.ProvisionKey,
            MrEnclave = SimulatedQuotingEnclave.MrEnclave,
            MrSigner = SimulatedQuotingEnclave.MrSigner,
            IsvProdId = SimulatedQuotingEnclave.ProductId,
            IsvSvn = 8,
            ReportData = QeReportBinding.Compute(Attestation.EcdsaP256.ExportPublicKey(attestationKey), qeAuthData),
        };
        byte[] forged = QuoteEncoder.Encode(
            new QuoteHeaderContent { QeSvn = 8, PceSvn = 13, QeId = genuine.QeId.ToArray(), Flags = PlatformFlags.None },
            ReportBodyContent.ForEnclave(_fixture.Identity, binding.ToReportData(), new byte[16]),
            attestationKey,
            qeReport,
            pckKey,
            qeAuthData,
            genuine.CertificationData);

        VerificationResult result = verifier.Verify(forged, binding);

        Assert.Equal(VerificationCheck.SimulationFlag, result.FailedCheck);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void TryOpen_NewDataFolder_RootIsRecognisedAsSimulated()
    {
        using SimulatedPlatform platform = _fixture.Open();

        Assert.True(SimulatedCertificates.IsSimulated(platform.RootCertificate));
    }

    [Fact]
    public void CreateQuote_ReportDataNot64Bytes_Throws()
    {
        using SimulatedPlatform platform = _fixture.Open();

        Assert.Throws<ArgumentException>(() => platform.CreateQuote(new byte[32]));
    }

    [Fact]
    public void TryOpen_StateFileMissing_FailsIncompleteState()
    {
        _fixture.Open().Dispose();
        File.Delete(Path.Combine(_fixture.DataFolder, "pck.pem"));

        Assert.False(SimulatedPlatform.TryOpen(_fixture.Options, _fixture.Identity, _fixture.Logger, out _, out PlatformOpenError error));
        Assert.Equal(PlatformOpenErrorKind.IncompleteState, error.Kind);
        Assert.Contains("pck.pem", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_PckKeyOfAnotherFolder_FailsCorruptState()
    {
        _fixture.Open().Dispose();
        using var other = new PlatformFixture();
        other.Open().Dispose();
        File.Copy(Path.Combine(other.DataFolder, "pck.key.pem"), Path.Combine(_fixture.DataFolder, "pck.key.pem"), overwrite: true);

        Assert.False(SimulatedPlatform.TryOpen(_fixture.Options, _fixture.Identity, _fixture.Logger, out _, out PlatformOpenError error));
        Assert.Equal(PlatformOpenErrorKind.CorruptState, error.Kind);
    }

    [Fact]
    public void TryOpen_NewDataFolder_StoresSecretReadableByOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows has no Unix file modes; the folder's ACL is inherited.
        }

        _fixture.Open().Dispose();

        UnixFileMode mode = File.GetUnixFileMode(Path.Combine(_fixture.DataFolder, "platform-secret.bin"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    private (QuoteVerifier Verifier, ReportDataBinding Binding) VerifierFor(VerificationPolicy policy)
    {
        var nonces = new NonceRegistry(_fixture.Time, TimeSpan.FromMinutes(5));
        var binding = new ReportDataBinding(KeyAgreementKey, SettlementKey, nonces.Issue());
        return (new QuoteVerifier(policy, nonces, _fixture.Time), binding);
    }
}
