using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Tests.Support;
using DarkPool.Attestation.Verification;

namespace DarkPool.Attestation.Tests.Verification;

public sealed class QuoteVerifierTests : IDisposable
{
    private readonly QuoteFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Verify_ValidSimulatedQuote_ReturnsAttestedIdentity()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();

        VerificationResult result = _fixture.Verifier().Verify(quote, binding);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(VerificationCheck.None, result.FailedCheck);
        Assert.Equal(_fixture.Identity, result.Identity);
        Assert.True(result.IsSimulated);
    }

    [Fact]
    public void Verify_HardwareQuoteUnderProductionPolicy_IsValid()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec =>
        {
            spec.Flags = PlatformFlags.None;
            spec.QeMrSigner = QuotingEnclavePolicy.IntelSgx.MrSigner;
        });
        VerificationPolicy production = VerificationPolicy.Production(_fixture.Pki.Root, [_fixture.Identity.MrEnclave], null);

        VerificationResult result = _fixture.Verifier(production).Verify(quote, binding);

        Assert.True(result.IsValid, result.ToString());
        Assert.False(result.IsSimulated);
    }

    [Fact]
    public void Verify_SimulatedQuoteUnderProductionPolicy_FailsSimulation()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.QeMrSigner = QuotingEnclavePolicy.IntelSgx.MrSigner);
        VerificationPolicy production = VerificationPolicy.Production(_fixture.Pki.Root, [_fixture.Identity.MrEnclave], null);

        VerificationResult result = _fixture.Verifier(production).Verify(quote, binding);

        Assert.Equal(VerificationCheck.Simulation, result.FailedCheck);
        Assert.Null(result.Identity);
    }

    [Fact]
    public void Verify_DebugEnclave_FailsDebug()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.Identity = _fixture.Identity with { Debug = true });

        Assert.Equal(VerificationCheck.Debug, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_DebugEnclaveUnderPolicyAllowingDebug_IsValid()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.Identity = _fixture.Identity with { Debug = true });
        VerificationPolicy policy = _fixture.Policy;
        var allowDebug = new VerificationPolicy
        {
            PinnedRoot = policy.PinnedRoot,
            QuotingEnclave = policy.QuotingEnclave,
            AllowedMeasurements = policy.AllowedMeasurements,
            Signer = policy.Signer,
            AllowSimulation = true,
            AllowDebug = true,
        };

        VerificationResult result = _fixture.Verifier(allowDebug).Verify(quote, binding);

        Assert.True(result.IsValid, result.ToString());
        Assert.True(result.Identity!.Debug);
    }

    [Fact]
    public void Verify_WrongMeasurement_FailsMeasurement()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec =>
            spec.Identity = _fixture.Identity with { MrEnclave = Sha256Hash.Compute("enclave build B"u8) });

        Assert.Equal(VerificationCheck.Measurement, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_OtherBuildUnderSignerOnlyPolicy_IsValid()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec =>
            spec.Identity = _fixture.Identity with { MrEnclave = Sha256Hash.Compute("enclave build B"u8), SecurityVersion = 4 });
        VerificationPolicy signerOnly = VerificationPolicy.Simulation(_fixture.Pki.Root, [], _fixture.Policy.Signer);

        Assert.True(_fixture.Verifier(signerOnly).Verify(quote, binding).IsValid);
    }

    [Fact]
    public void Verify_OtherSigner_FailsSigner()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec =>
            spec.Identity = _fixture.Identity with { MrSigner = Sha256Hash.Compute("another release key"u8) });

        Assert.Equal(VerificationCheck.Signer, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_OtherProduct_FailsProductId()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.Identity = _fixture.Identity with { ProductId = 8 });

        Assert.Equal(VerificationCheck.ProductId, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_LowerSecurityVersion_FailsSecurityVersion()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.Identity = _fixture.Identity with { SecurityVersion = 2 });

        Assert.Equal(VerificationCheck.SecurityVersion, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_WrongReportData_FailsReportData()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.ReportData = new byte[64]);

        Assert.Equal(VerificationCheck.ReportData, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_QuoteBindingOtherKeys_FailsReportData()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        var substituted = new ReportDataBinding([0x01, 0x02], binding.SettlementPublicKey, binding.Nonce);

        Assert.Equal(VerificationCheck.ReportData, _fixture.Verifier().Verify(quote, substituted).FailedCheck);
    }

    [Fact]
    public void Verify_QuoteForAnotherNonce_FailsReportData()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        var otherNonce = new ReportDataBinding(binding.KeyAgreementPublicKey, binding.SettlementPublicKey, _fixture.Nonces.Issue());

        Assert.Equal(VerificationCheck.ReportData, _fixture.Verifier().Verify(quote, otherNonce).FailedCheck);
    }

    [Fact]
    public void Verify_ReplayedNonce_FailsNonceReplayed()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        QuoteVerifier verifier = _fixture.Verifier();
        Assert.True(verifier.Verify(quote, binding).IsValid);

        VerificationResult replay = verifier.Verify(quote, binding);

        Assert.Equal(VerificationCheck.NonceReplayed, replay.FailedCheck);
    }

    [Fact]
    public void Verify_NonceNotIssuedByRegistry_FailsNonceUnknown()
    {
        var binding = new ReportDataBinding(_fixture.KeyAgreementKey, _fixture.SettlementKey, new byte[32]);
        byte[] quote = _fixture.Encode(new QuoteSpec { Identity = _fixture.Identity, ReportData = binding.ToReportData() });

        Assert.Equal(VerificationCheck.NonceUnknown, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_NonceOlderThanLifetime_FailsNonceExpired()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        _fixture.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(VerificationCheck.NonceExpired, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_FailedVerification_LeavesNonceUnused()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        byte[] broken = (byte[])quote.Clone();
        broken[QuoteLayout.QuoteSignatureOffset] ^= 0x01;
        QuoteVerifier verifier = _fixture.Verifier();
        Assert.Equal(VerificationCheck.QuoteSignature, verifier.Verify(broken, binding).FailedCheck);

        Assert.True(verifier.Verify(quote, binding).IsValid);
    }

    [Fact]
    public void Verify_QeReportSignedByAnotherKey_FailsQeReportSignature()
    {
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.QeReportSigner = other);

        Assert.Equal(VerificationCheck.QeReportSignature, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_QeReportDataNotBindingAttestationKey_FailsQeReportDataBinding()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.QeReportData = new byte[64]);

        Assert.Equal(VerificationCheck.QeReportDataBinding, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_QeReportDataWithNonZeroSecondHalf_FailsQeReportDataBinding()
    {
        byte[] qeReportData = QeReportBinding.Compute(EcdsaP256.ExportPublicKey(_fixture.AttestationKey), _fixture.QeAuthData);
        qeReportData[63] = 1;
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.QeReportData = qeReportData);

        Assert.Equal(VerificationCheck.QeReportDataBinding, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_UnexpectedQuotingEnclaveSigner_FailsQeIdentity()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.QeMrSigner = Sha256Hash.Compute("some other QE"u8));

        Assert.Equal(VerificationCheck.QeIdentity, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_UnexpectedQuotingEnclaveProduct_FailsQeIdentity()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.QeProductId = 2);

        Assert.Equal(VerificationCheck.QeIdentity, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_QuotingEnclaveBelowMinimumVersion_FailsQeIdentity()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.QeSvn = 5);
        VerificationPolicy policy = VerificationPolicy.Simulation(_fixture.Pki.Root, [_fixture.Identity.MrEnclave], null);
        var strict = new VerificationPolicy
        {
            PinnedRoot = policy.PinnedRoot,
            QuotingEnclave = QuotingEnclavePolicy.Simulated with { MinimumSecurityVersion = 6 },
            AllowedMeasurements = policy.AllowedMeasurements,
            AllowSimulation = true,
        };

        Assert.Equal(VerificationCheck.QeIdentity, _fixture.Verifier(strict).Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_DebugQuotingEnclave_FailsQeIdentity()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.QeDebug = true);

        Assert.Equal(VerificationCheck.QeIdentity, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_NonIntelQeVendor_FailsQeIdentity()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.QeVendorId = new byte[16]);

        Assert.Equal(VerificationCheck.QeIdentity, _fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Constructor_PolicyNamingNoMeasurementAndNoSigner_Throws()
    {
        VerificationPolicy acceptsAnything = VerificationPolicy.Simulation(_fixture.Pki.Root, [], null);

        Assert.Throws<ArgumentException>(() => _fixture.Verifier(acceptsAnything));
    }
}
