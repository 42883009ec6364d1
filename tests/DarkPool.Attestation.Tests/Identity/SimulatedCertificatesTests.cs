using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Identity;

namespace DarkPool.Attestation.Tests.Identity;

public sealed class SimulatedCertificatesTests
{
    [Theory]
    [InlineData("CN=DarkPool SIMULATED SGX Root CA, O=DarkPool simulation - not for production", true)]
    [InlineData("O=DarkPool simulation - not for production", true)]
    [InlineData("CN=DarkPool SIMULATED SGX Root CA", false)]
    [InlineData("CN=DarkPool simulation - not for production", false)]
    [InlineData("CN=Intel SGX Root CA, O=Intel Corporation, L=Santa Clara, S=CA, C=US", false)]
    [InlineData("CN=Test SGX Root CA, O=DarkPool simulation - not for production (copy)", false)]
    public void IsSimulated_Subject_TrueOnlyForTheSimulationOrganization(string subject, bool expected)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 certificate = new CertificateRequest(subject, key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));

        Assert.Equal(expected, SimulatedCertificates.IsSimulated(certificate));
    }
}
