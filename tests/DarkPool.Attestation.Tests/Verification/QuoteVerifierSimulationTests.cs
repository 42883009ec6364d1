using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Tests.Support;
using DarkPool.Attestation.Verification;

namespace DarkPool.Attestation.Tests.Verification;

/// <summary>
/// A quote's simulated flag is its own word: a quote under the simulated platform's root, or from its quoting enclave,
/// is simulated whatever the flag says, since whoever holds the platform's data folder holds its PCK key.
/// </summary>
public sealed class QuoteVerifierSimulationTests
{
    private const string SimulatedRootName = "CN=DarkPool SIMULATED SGX Root CA, O=" + SimulatedCertificates.Organization;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Verify_UnflaggedQuoteFromSimulatedQuotingEnclave_FailsSimulationFlag(bool allowSimulation)
    {
        using var fixture = new QuoteFixture();
        (byte[] quote, ReportDataBinding binding) = fixture.Issue(spec => spec.Flags = PlatformFlags.None);

        VerificationResult result = fixture.Verifier(Policy(fixture, QuotingEnclavePolicy.Simulated, allowSimulation)).Verify(quote, binding);

        Assert.Equal(VerificationCheck.SimulationFlag, result.FailedCheck);
        Assert.Contains("simulated quoting enclave", result.Detail, StringComparison.Ordinal);
        Assert.False(result.IsSimulated);
        Assert.Null(result.Identity);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Verify_UnflaggedQuoteWithIntelQeUnderSimulatedRoot_FailsSimulationFlag(bool allowSimulation)
    {
        using var fixture = new QuoteFixture(new PkiOptions { RootName = SimulatedRootName });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue(spec =>
        {
            spec.Flags = PlatformFlags.None;
            spec.QeMrSigner = QuotingEnclavePolicy.IntelSgx.MrSigner;
        });

        VerificationResult result = fixture.Verifier(Policy(fixture, QuotingEnclavePolicy.IntelSgx, allowSimulation)).Verify(quote, binding);

        Assert.Equal(VerificationCheck.SimulationFlag, result.FailedCheck);
        Assert.Contains("simulated platform's root", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UnflaggedQuoteUnderSimulatedRootWithCollateral_FailsSimulationFlag()
    {
        using var fixture = new QuoteFixture(new PkiOptions { RootName = SimulatedRootName });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue(spec => spec.Flags = PlatformFlags.None);

        VerificationResult result = fixture.Verifier(fixture.CollateralPolicy()).Verify(quote, binding, fixture.Collateral());

        Assert.Equal(VerificationCheck.SimulationFlag, result.FailedCheck);
    }

    [Fact]
    public void Verify_ProductionPolicyPinningSimulatedRoot_FailsSimulation()
    {
        using var fixture = new QuoteFixture(new PkiOptions { RootName = SimulatedRootName });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue(spec => spec.QeMrSigner = QuotingEnclavePolicy.IntelSgx.MrSigner);

        VerificationResult result = fixture.Verifier(VerificationPolicy.Production(fixture.Pki.Root, [fixture.Identity.MrEnclave], null)).Verify(quote, binding);

        Assert.Equal(VerificationCheck.Simulation, result.FailedCheck);
        Assert.Contains("simulated platform's root", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_FlaggedQuoteUnderSimulatedRootAllowingSimulation_IsValidAndSimulated()
    {
        using var fixture = new QuoteFixture(new PkiOptions { RootName = SimulatedRootName });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        VerificationResult result = fixture.Verifier().Verify(quote, binding);

        Assert.True(result.IsValid, result.ToString());
        Assert.True(result.IsSimulated);
    }

    [Fact]
    public void Verify_UnflaggedQuoteWithIntelQeUnderOtherRoot_IsValidAndNotSimulated()
    {
        using var fixture = new QuoteFixture(new PkiOptions { RootName = "CN=DarkPool SIMULATED look-alike, O=Someone else" });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue(spec =>
        {
            spec.Flags = PlatformFlags.None;
            spec.QeMrSigner = QuotingEnclavePolicy.IntelSgx.MrSigner;
        });

        VerificationResult result = fixture.Verifier(VerificationPolicy.Production(fixture.Pki.Root, [fixture.Identity.MrEnclave], null)).Verify(quote, binding);

        Assert.True(result.IsValid, result.ToString());
        Assert.False(result.IsSimulated);
    }

    private static VerificationPolicy Policy(QuoteFixture fixture, QuotingEnclavePolicy quotingEnclave, bool allowSimulation) => new()
    {
        PinnedRoot = fixture.Pki.Root,
        QuotingEnclave = quotingEnclave,
        AllowedMeasurements = [fixture.Identity.MrEnclave],
        AllowSimulation = allowSimulation,
    };
}
