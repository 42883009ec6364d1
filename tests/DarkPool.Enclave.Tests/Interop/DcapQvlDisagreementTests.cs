using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Verification;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Tests.Support;

namespace DarkPool.Enclave.Tests.Interop;

/// <summary>
/// Where dcap-qvl 0.3.9 and our verifier disagree, and why ours follows Intel's QVL and its specification (the
/// reasoning is in docs/ATTESTATION.md, "Where the two verifiers disagree"). Each test pins both verdicts, so that a
/// new version of the library that changes its behaviour fails here and the documentation is revisited.
/// </summary>
public sealed class DcapQvlDisagreementTests
{
    [Fact]
    public void Verify_ConfigurationNeededPlatformWithOutOfDateQe_LibrarySaysOutOfDateOursOutOfDateConfigurationNeeded()
    {
        using var run = new InteropCase
        {
            Collateral = new SimulatedCollateralOptions { PlatformTcbStatus = TcbStatus.ConfigurationNeeded, QeTcbStatus = TcbStatus.OutOfDate },
        };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        Assert.True(phala.Ok, phala.ToString());
        Assert.Equal("OutOfDate", phala.Status);
        Assert.True(ours.IsValid, ours.ToString());
        Assert.Equal(TcbStatus.OutOfDateConfigurationNeeded, ours.TcbStatus);
    }

    [Fact]
    public void Verify_ExpiredCrls_LibraryAcceptsOursFailsRevocationListValidity()
    {
        using var run = new InteropCase
        {
            Collateral = new SimulatedCollateralOptions { CrlLifetime = TimeSpan.FromDays(1) },
            VerifyAfter = TimeSpan.FromDays(2),
        };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        Assert.True(phala.Ok, phala.ToString());
        Assert.Equal(VerificationCheck.RevocationListValidity, ours.FailedCheck);
    }

    [Fact]
    public void Verify_RevokedPckWithCrlReplacedByOneSignedByAnotherKey_LibraryAcceptsOursFailsRevocationList()
    {
        using var run = new InteropCase
        {
            Collateral = new SimulatedCollateralOptions { PckCertificateRevoked = true },
            ChangeCollateral = (collateral, _) => collateral with { PckCrl = ForgedEmptyCrl(collateral) },
        };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        Assert.True(phala.Ok, phala.ToString());
        Assert.Equal(VerificationCheck.RevocationList, ours.FailedCheck);
    }

    [Fact]
    public void Verify_TcbInfoForAnotherPceId_LibraryAcceptsOursFailsTcbInfoMismatch()
    {
        using var run = new InteropCase
        {
            ChangeCollateral = (collateral, pki) =>
            {
                Assert.True(TcbInfo.TryParse(collateral.TcbInfoJson, out TcbInfo? tcbInfo, out string error), error);
                string json = (tcbInfo with { PceId = new byte[] { 0x01, 0x00 } }).ToJson();
                return collateral with { TcbInfoJson = json, TcbInfoSignature = pki.Issuer.SignDocument(json) };
            },
        };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        Assert.True(phala.Ok, phala.ToString());
        Assert.Equal(VerificationCheck.TcbInfoMismatch, ours.FailedCheck);
    }

    [Fact]
    public void Verify_TcbLevelsNotHighestFirst_LibraryTakesTheFirstListedOursTheHighest()
    {
        using var run = new InteropCase
        {
            Collateral = new SimulatedCollateralOptions { PlatformTcbStatus = TcbStatus.OutOfDate },
            ChangeCollateral = (collateral, pki) =>
            {
                // A lower level, UpToDate, listed before the platform's own OutOfDate level.
                Assert.True(TcbInfo.TryParse(collateral.TcbInfoJson, out TcbInfo? tcbInfo, out string error), error);
                TcbLevel own = tcbInfo.Levels[^1];
                var lower = new TcbLevel(new byte[TcbLevel.ComponentCount], 0, own.TcbDate, TcbStatus.UpToDate);
                string json = (tcbInfo with { Levels = [lower, own] }).ToJson();
                return collateral with { TcbInfoJson = json, TcbInfoSignature = pki.Issuer.SignDocument(json) };
            },
        };

        (DcapQvlOutcome phala, VerificationResult ours, _) = run.Run();

        Assert.Equal("UpToDate", phala.Status);
        Assert.Equal(TcbStatus.OutOfDate, ours.TcbStatus);
    }

    // An empty CRL naming the PCK CA as its issuer, signed by a key that is not the PCK CA's.
    private static byte[] ForgedEmptyCrl(QuoteCollateral collateral)
    {
        using X509Certificate2 pckCa = X509Certificate2.CreateFromPem(collateral.PckCrlIssuerChain);
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DateTimeOffset now = PlatformFixture.Now;
        return new CertificateRevocationListBuilder().Build(
            pckCa.SubjectName,
            X509SignatureGenerator.CreateForECDsa(forger),
            new BigInteger(now.ToUnixTimeSeconds() + 1),
            now.AddDays(30),
            HashAlgorithmName.SHA256,
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(pckCa, includeKeyIdentifier: true, includeIssuerAndSerial: false),
            now);
    }
}
