using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Tests.Support;
using DarkPool.Attestation.Verification;

namespace DarkPool.Attestation.Tests.Verification;

public sealed class QuoteVerifierChainTests
{
    [Fact]
    public void Verify_ChainToAnotherRoot_FailsCertificateChain()
    {
        using var fixture = new QuoteFixture();
        using TestPki other = TestPki.Create(QuoteFixture.Now, new PkiOptions { RootName = "CN=Another Root" });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue(spec =>
        {
            spec.CertificationData = other.CertificationData;
            spec.QeReportSigner = other.LeafKey;
        });

        VerificationResult result = fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateChain, result.FailedCheck);
    }

    [Fact]
    public void Verify_ForeignLeafAndIntermediateEndingInPinnedRoot_FailsCertificateChain()
    {
        using var fixture = new QuoteFixture();
        using TestPki other = TestPki.Create(QuoteFixture.Now);
        (byte[] quote, ReportDataBinding binding) = fixture.Issue(spec =>
        {
            spec.CertificationData = TestPki.ChainPem(other.Leaf, other.Intermediate, fixture.Pki.Root);
            spec.QeReportSigner = other.LeafKey;
        });

        Assert.Equal(VerificationCheck.CertificateChain, fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_ChainOfTwoCertificates_FailsCertificateChain()
    {
        using var fixture = new QuoteFixture();
        (byte[] quote, ReportDataBinding binding) = fixture.Issue(spec =>
            spec.CertificationData = TestPki.ChainPem(fixture.Pki.Leaf, fixture.Pki.Root));

        Assert.Equal(VerificationCheck.CertificateChain, fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_CertificationDataNotPem_FailsCertificateChain()
    {
        using var fixture = new QuoteFixture();
        (byte[] quote, ReportDataBinding binding) = fixture.Issue(spec => spec.CertificationData = "not a certificate"u8.ToArray());

        Assert.Equal(VerificationCheck.CertificateChain, fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_ExpiredLeafCertificate_FailsCertificateValidity()
    {
        using var fixture = new QuoteFixture();
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();
        QuoteVerifier verifier = fixture.Verifier();
        fixture.Time.Advance(TimeSpan.FromDays(366));

        VerificationResult result = verifier.Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateValidity, result.FailedCheck);
        Assert.Contains("PCK leaf", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LeafAlreadyExpiredWhenIssued_FailsCertificateValidity()
    {
        using var fixture = new QuoteFixture(new PkiOptions { LeafNotBefore = TimeSpan.FromDays(-30), LeafNotAfter = TimeSpan.FromDays(-1) });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        Assert.Equal(VerificationCheck.CertificateValidity, fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_LeafNotYetValid_FailsCertificateValidity()
    {
        using var fixture = new QuoteFixture(new PkiOptions { LeafNotBefore = TimeSpan.FromDays(1), LeafNotAfter = TimeSpan.FromDays(30) });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        Assert.Equal(VerificationCheck.CertificateValidity, fixture.Verifier().Verify(quote, binding).FailedCheck);
    }

    [Fact]
    public void Verify_ExpiredIntermediateWithValidLeaf_FailsCertificateValidity()
    {
        using var fixture = new QuoteFixture(new PkiOptions { IntermediateNotAfter = TimeSpan.FromDays(-1) });
        Assert.True(fixture.Pki.Leaf.NotAfter.ToUniversalTime() > QuoteFixture.Now.UtcDateTime, "the leaf must be valid for this test");
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        VerificationResult result = fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateValidity, result.FailedCheck);
        Assert.Contains("intermediate CA", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ExpiredRootWithValidLeafAndIntermediate_FailsCertificateValidity()
    {
        using var fixture = new QuoteFixture(new PkiOptions { RootNotAfter = TimeSpan.FromDays(-1) });
        Assert.True(fixture.Pki.Leaf.NotAfter.ToUniversalTime() > QuoteFixture.Now.UtcDateTime, "the leaf must be valid for this test");
        Assert.True(fixture.Pki.Intermediate.NotAfter.ToUniversalTime() > QuoteFixture.Now.UtcDateTime, "the intermediate must be valid for this test");
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        VerificationResult result = fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateValidity, result.FailedCheck);
        Assert.Contains("root CA", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RootExpiredSinceTheQuoteWasMade_FailsCertificateValidity()
    {
        using var fixture = new QuoteFixture(new PkiOptions
        {
            RootNotAfter = TimeSpan.FromDays(30),
            IntermediateNotAfter = TimeSpan.FromDays(3650),
            LeafNotAfter = TimeSpan.FromDays(365),
        });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();
        QuoteVerifier verifier = fixture.Verifier();
        fixture.Time.Advance(TimeSpan.FromDays(31));

        VerificationResult result = verifier.Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateValidity, result.FailedCheck);
        Assert.Contains("root CA", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LeafWithoutDigitalSignatureUsage_FailsCertificateKeyUsage()
    {
        using var fixture = new QuoteFixture(new PkiOptions { LeafUsage = X509KeyUsageFlags.KeyEncipherment });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        VerificationResult result = fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateKeyUsage, result.FailedCheck);
        Assert.Contains("PCK leaf certificate lacks the digitalSignature usage", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_IntermediateThatIsNotCa_FailsCertificateKeyUsage()
    {
        using var fixture = new QuoteFixture(new PkiOptions { IntermediateIsCa = false });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        VerificationResult result = fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateKeyUsage, result.FailedCheck);
        Assert.Contains("intermediate CA certificate lacks", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_IntermediateWithoutCertificateSigningUsage_FailsCertificateKeyUsage()
    {
        using var fixture = new QuoteFixture(new PkiOptions { IntermediateUsage = X509KeyUsageFlags.DigitalSignature });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        VerificationResult result = fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateKeyUsage, result.FailedCheck);
        Assert.Contains("intermediate CA certificate lacks", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RootThatIsNotCa_FailsCertificateKeyUsage()
    {
        using var fixture = new QuoteFixture(new PkiOptions { RootIsCa = false });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        VerificationResult result = fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateKeyUsage, result.FailedCheck);
        Assert.Contains("root CA certificate lacks", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RootWithoutCertificateSigningUsage_FailsCertificateKeyUsage()
    {
        using var fixture = new QuoteFixture(new PkiOptions { RootUsage = X509KeyUsageFlags.CrlSign });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        VerificationResult result = fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateKeyUsage, result.FailedCheck);
        Assert.Contains("root CA certificate lacks", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LeafThatIsCa_FailsCertificateKeyUsage()
    {
        using var fixture = new QuoteFixture(new PkiOptions { LeafIsCa = true });
        (byte[] quote, ReportDataBinding binding) = fixture.Issue();

        VerificationResult result = fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateKeyUsage, result.FailedCheck);
        Assert.Contains("PCK leaf certificate is a CA", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LeafKeyOnP384_FailsCertificateKeyUsage()
    {
        using var fixture = new QuoteFixture();
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using X509Certificate2 leaf = fixture.Pki.IssueLeaf(new CertificateRequest("CN=Test SGX PCK Certificate", leafKey, HashAlgorithmName.SHA256), QuoteFixture.Now);
        (byte[] quote, ReportDataBinding binding) = fixture.Issue(spec =>
            spec.CertificationData = TestPki.ChainPem(leaf, fixture.Pki.Intermediate, fixture.Pki.Root));

        VerificationResult result = fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateKeyUsage, result.FailedCheck);
        Assert.Contains("not an ECDSA P-256 key", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LeafKeyRsa_FailsCertificateKeyUsage()
    {
        using var fixture = new QuoteFixture();
        using var leafKey = RSA.Create(2048);
        using X509Certificate2 leaf = fixture.Pki.IssueLeaf(
            new CertificateRequest("CN=Test SGX PCK Certificate", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), QuoteFixture.Now);
        (byte[] quote, ReportDataBinding binding) = fixture.Issue(spec =>
            spec.CertificationData = TestPki.ChainPem(leaf, fixture.Pki.Intermediate, fixture.Pki.Root));

        VerificationResult result = fixture.Verifier().Verify(quote, binding);

        Assert.Equal(VerificationCheck.CertificateKeyUsage, result.FailedCheck);
        Assert.Contains("not an ECDSA P-256 key", result.Detail, StringComparison.Ordinal);
    }
}
