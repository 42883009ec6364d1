using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Tests.Support;
using DarkPool.Attestation.Verification;

namespace DarkPool.Attestation.Tests.Verification;

/// <summary>TCB evaluation as Intel's QVL does it, and the policy on the resulting status.</summary>
public sealed class QuoteVerifierTcbTests : IDisposable
{
    private static readonly byte[] Own = new PkiOptions().CpuSvn;

    private readonly QuoteFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<TcbStatus> NonRevokedStatuses() => new(Enum.GetValues<TcbStatus>().Where(s => s != TcbStatus.Revoked));

    [Theory]
    [MemberData(nameof(NonRevokedStatuses))]
    public void Verify_PlatformLevelWithStatus_ReportsItAndAcceptsItWhenThePolicyDoes(TcbStatus status)
    {
        QuoteCollateral collateral = _fixture.Collateral(s => s.TcbLevels = [CollateralSpec.Level(Own, 13, status)]);

        VerificationResult accepted = Verify(collateral, status);
        VerificationResult byDefault = Verify(collateral);

        Assert.True(accepted.IsValid, accepted.ToString());
        Assert.Equal(status, accepted.TcbStatus);
        Assert.Equal(status == TcbStatus.UpToDate ? VerificationCheck.None : VerificationCheck.TcbStatus, byDefault.FailedCheck);
        Assert.Equal(status, byDefault.TcbStatus);
    }

    [Fact]
    public void Verify_RevokedPlatformLevel_FailsTcbStatusUnderAnyPolicy()
    {
        QuoteCollateral collateral = _fixture.Collateral(s => s.TcbLevels = [CollateralSpec.Level(Own, 13, TcbStatus.Revoked)]);

        VerificationResult result = Verify(collateral, [.. Enum.GetValues<TcbStatus>().Where(s => s != TcbStatus.Revoked)]);

        Assert.Equal(VerificationCheck.TcbStatus, result.FailedCheck);
        Assert.Equal(TcbStatus.Revoked, result.TcbStatus);
    }

    [Fact]
    public void Constructor_PolicyAcceptingRevoked_Throws()
    {
        VerificationPolicy policy = _fixture.CollateralPolicy(TcbStatus.UpToDate, TcbStatus.Revoked);

        Assert.Throws<ArgumentException>(() => _fixture.Verifier(policy));
    }

    [Theory]
    [InlineData(14, 0, 0)] // PCESVN above the platform's
    [InlineData(13, 0, 3)] // first component above the platform's (2)
    [InlineData(13, 15, 1)] // last component above the platform's (0)
    public void Verify_NoLevelReachedByThePlatform_FailsTcbLevel(int pceSvn, int component, int svn)
    {
        byte[] components = (byte[])Own.Clone();
        components[component] = (byte)svn;

        VerificationResult result = Verify(_fixture.Collateral(s => s.TcbLevels = [CollateralSpec.Level(components, (ushort)pceSvn, TcbStatus.UpToDate)]));

        Assert.Equal(VerificationCheck.TcbLevel, result.FailedCheck);
        Assert.Null(result.TcbStatus);
    }

    [Fact]
    public void Verify_QeBelowEveryQeIdentityLevel_FailsTcbLevel()
    {
        VerificationResult result = Verify(_fixture.Collateral(s => s.QeLevels = [new QeTcbLevel(9, CollateralSpec.TcbDate, TcbStatus.UpToDate)]));

        Assert.Equal(VerificationCheck.TcbLevel, result.FailedCheck);
    }

    [Fact]
    public void Verify_LevelsListedLowestFirst_MatchesTheHighestReachedLevel()
    {
        byte[] higher = (byte[])Own.Clone();
        higher[0] = 9;
        QuoteCollateral collateral = _fixture.Collateral(s => s.TcbLevels =
        [
            CollateralSpec.Level(new byte[16], 0, TcbStatus.OutOfDate, "INTEL-SA-00001"),
            CollateralSpec.Level(Own, 13, TcbStatus.SWHardeningNeeded, "INTEL-SA-00002"),
            CollateralSpec.Level(higher, 13, TcbStatus.UpToDate),
        ]);

        VerificationResult result = Verify(collateral, TcbStatus.SWHardeningNeeded);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(TcbStatus.SWHardeningNeeded, result.TcbStatus);
        Assert.Equal(["INTEL-SA-00002"], result.AdvisoryIds);
    }

    // Intel's convergence of the platform's status with the QE's (TcbLevelCheck, convergeTcbStatusWithQeTcbStatus).
    [Theory]
    [InlineData(TcbStatus.UpToDate, TcbStatus.UpToDate, TcbStatus.UpToDate)]
    [InlineData(TcbStatus.UpToDate, TcbStatus.OutOfDate, TcbStatus.OutOfDate)]
    [InlineData(TcbStatus.SWHardeningNeeded, TcbStatus.OutOfDate, TcbStatus.OutOfDate)]
    [InlineData(TcbStatus.ConfigurationNeeded, TcbStatus.OutOfDate, TcbStatus.OutOfDateConfigurationNeeded)]
    [InlineData(TcbStatus.ConfigurationAndSWHardeningNeeded, TcbStatus.OutOfDate, TcbStatus.OutOfDateConfigurationNeeded)]
    [InlineData(TcbStatus.OutOfDate, TcbStatus.OutOfDate, TcbStatus.OutOfDate)]
    [InlineData(TcbStatus.OutOfDateConfigurationNeeded, TcbStatus.OutOfDate, TcbStatus.OutOfDateConfigurationNeeded)]
    [InlineData(TcbStatus.ConfigurationNeeded, TcbStatus.UpToDate, TcbStatus.ConfigurationNeeded)]
    [InlineData(TcbStatus.UpToDate, TcbStatus.Revoked, TcbStatus.Revoked)]
    [InlineData(TcbStatus.SWHardeningNeeded, TcbStatus.Revoked, TcbStatus.Revoked)]
    public void Verify_PlatformAndQeStatuses_ConvergeAsIntelsVerifier(TcbStatus platform, TcbStatus qe, TcbStatus expected)
    {
        QuoteCollateral collateral = _fixture.Collateral(s =>
        {
            s.TcbLevels = [CollateralSpec.Level(Own, 13, platform, "INTEL-SA-00010")];
            s.QeLevels = [new QeTcbLevel(8, CollateralSpec.TcbDate, qe, qe == TcbStatus.UpToDate ? [] : ["INTEL-SA-00020", "INTEL-SA-00010"])];
        });

        VerificationResult result = Verify(collateral, [.. Enum.GetValues<TcbStatus>().Where(s => s != TcbStatus.Revoked)]);

        Assert.Equal(expected, result.TcbStatus);
        Assert.Equal(expected == TcbStatus.Revoked ? VerificationCheck.TcbStatus : VerificationCheck.None, result.FailedCheck);
        Assert.Equal(qe == TcbStatus.UpToDate ? ["INTEL-SA-00010"] : ["INTEL-SA-00010", "INTEL-SA-00020"], result.AdvisoryIds);
    }

    [Fact]
    public void Verify_QeLevelsFirstReachedWins()
    {
        QuoteCollateral collateral = _fixture.Collateral(s => s.QeLevels =
        [
            new QeTcbLevel(10, CollateralSpec.TcbDate, TcbStatus.UpToDate),
            new QeTcbLevel(8, CollateralSpec.TcbDate, TcbStatus.OutOfDate, ["INTEL-SA-00615"]),
            new QeTcbLevel(2, CollateralSpec.TcbDate, TcbStatus.Revoked),
        ]);

        VerificationResult result = Verify(collateral, TcbStatus.OutOfDate);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(TcbStatus.OutOfDate, result.TcbStatus);
    }

    [Fact]
    public void Verify_LaterCheckFails_StillReportsTheTcbStatus()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue(spec => spec.Identity = _fixture.Identity with { Debug = true });

        VerificationResult result = _fixture.Verifier(_fixture.CollateralPolicy()).Verify(quote, binding, _fixture.Collateral());

        Assert.Equal(VerificationCheck.Debug, result.FailedCheck);
        Assert.Equal(TcbStatus.UpToDate, result.TcbStatus);
    }

    [Fact]
    public void Verify_TcbStatusRefused_LeavesNonceUnused()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        QuoteCollateral outOfDate = _fixture.Collateral(s => s.TcbLevels = [CollateralSpec.Level(Own, 13, TcbStatus.OutOfDate)]);

        Assert.Equal(VerificationCheck.TcbStatus, _fixture.Verifier(_fixture.CollateralPolicy()).Verify(quote, binding, outOfDate).FailedCheck);
        Assert.True(_fixture.Verifier(_fixture.CollateralPolicy()).Verify(quote, binding, _fixture.Collateral()).IsValid);
    }

    private VerificationResult Verify(QuoteCollateral collateral, params TcbStatus[] accepted)
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        return _fixture.Verifier(_fixture.CollateralPolicy(accepted)).Verify(quote, binding, collateral);
    }
}
