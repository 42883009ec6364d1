using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DarkPool.Cli.Tests.Support;

/// <summary>A throwaway self-signed certificate to pin when the server is never reached.</summary>
internal static class TestRoot
{
    public static string Pem { get; } = Create();

    private static string Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=darkpool cli test root", key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }
}
