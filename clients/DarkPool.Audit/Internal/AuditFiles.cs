using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DarkPool.CommandLine;

namespace DarkPool.Audit.Internal;

/// <summary>Reading the auditor's files: a missing or unreadable file is a one-line failure naming it.</summary>
internal static class AuditFiles
{
    public static byte[] ReadBytes(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CommandLineException.Failure($"cannot read the {what} {path}: {e.Message}");
        }
    }

    public static string ReadText(string path, string what) => Encoding.UTF8.GetString(ReadBytes(path, what));

    /// <summary>A root certificate, DER (as <c>root.der</c>) or PEM.</summary>
    public static X509Certificate2 LoadCertificate(byte[] bytes, string what)
    {
        try
        {
            return bytes.AsSpan().StartsWith("-----BEGIN"u8)
                ? X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(bytes))
                : X509CertificateLoader.LoadCertificate(bytes);
        }
        catch (CryptographicException e)
        {
            throw CommandLineException.Failure($"the {what} is not an X.509 certificate (DER or PEM): {e.Message}");
        }
    }
}
