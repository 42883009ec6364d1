using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Tests.Support;
using DarkPool.Attestation.Verification.Internal;

namespace DarkPool.Attestation.Tests.Verification.Internal;

public sealed class CrlDocumentTests : IDisposable
{
    private readonly TestPki _pki = TestPki.Create(QuoteFixture.Now);

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void TryParse_CrlBuiltByDotNet_ReadsWindowAndEntries()
    {
        byte[] der = _pki.Issuer.CreatePckCrl([_pki.Leaf], QuoteFixture.Now, QuoteFixture.Now.AddDays(30));

        Assert.True(CrlDocument.TryParse(der, "PCK CRL", out CrlDocument? crl, out string error), error);
        Assert.Equal(QuoteFixture.Now, crl.ThisUpdate);
        Assert.Equal(QuoteFixture.Now.AddDays(30), crl.NextUpdate);
        Assert.Equal(1, crl.RevokedCount);
        Assert.True(crl.Revokes(_pki.Leaf));
        Assert.False(crl.Revokes(_pki.Intermediate));
        Assert.True(crl.IsIssuedBy(_pki.Intermediate));
        Assert.False(crl.IsIssuedBy(_pki.Root));
    }

    [Fact]
    public void TryParse_EmptyCrl_RevokesNothing()
    {
        byte[] der = _pki.Issuer.CreateRootCaCrl([], QuoteFixture.Now, QuoteFixture.Now.AddDays(30));

        Assert.True(CrlDocument.TryParse(der, "root CA CRL", out CrlDocument? crl, out string error), error);
        Assert.Equal(0, crl.RevokedCount);
        Assert.True(crl.IsIssuedBy(_pki.Root));
    }

    [Fact]
    public void IsIssuedBy_SameNameOtherKey_IsFalse()
    {
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] der = new CertificateRevocationListBuilder().Build(
            _pki.Intermediate.SubjectName,
            X509SignatureGenerator.CreateForECDsa(forger),
            BigInteger.One,
            QuoteFixture.Now.AddDays(1),
            HashAlgorithmName.SHA256,
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_pki.Intermediate, true, false),
            QuoteFixture.Now);

        Assert.True(CrlDocument.TryParse(der, "PCK CRL", out CrlDocument? crl, out _));
        Assert.False(crl.IsIssuedBy(_pki.Intermediate));
    }

    [Fact]
    public void TryParse_FlippedSignedByte_ParsesButNoLongerVerifies()
    {
        byte[] der = _pki.Issuer.CreatePckCrl([], QuoteFixture.Now, QuoteFixture.Now.AddDays(30));
        der[^80] ^= 0x01; // inside the signature value

        bool parsed = CrlDocument.TryParse(der, "PCK CRL", out CrlDocument? crl, out _);

        Assert.False(parsed && crl!.IsIssuedBy(_pki.Intermediate));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x30, 0x00 })]
    [InlineData(new byte[] { 0x02, 0x01, 0x00 })]
    public void TryParse_NotACrl_Fails(byte[] der)
    {
        Assert.False(CrlDocument.TryParse(der, "PCK CRL", out _, out string error));
        Assert.Contains("PCK CRL", error, StringComparison.Ordinal);
    }
}
