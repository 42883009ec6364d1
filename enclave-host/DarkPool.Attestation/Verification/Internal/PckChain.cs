using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DarkPool.Attestation.Verification.Internal;

/// <summary>
/// The certification data of type 5: exactly three PEM certificates, PCK leaf first, then the intermediate (platform)
/// CA, then the root. Only whitespace may separate them; trailing NUL bytes are allowed (Intel's data ends with one).
/// </summary>
internal sealed class PckChain : IDisposable
{
    public const int Length = 3;

    private PckChain(X509Certificate2 leaf, X509Certificate2 intermediate, X509Certificate2 root)
    {
        Leaf = leaf;
        Intermediate = intermediate;
        Root = root;
    }

    public X509Certificate2 Leaf { get; }

    public X509Certificate2 Intermediate { get; }

    public X509Certificate2 Root { get; }

    public static bool TryParse(ReadOnlySpan<byte> certificationData, [NotNullWhen(true)] out PckChain? chain, out string detail)
    {
        chain = null;
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(certificationData);
        }
        catch (DecoderFallbackException)
        {
            detail = "the certification data is not text";
            return false;
        }

        ReadOnlySpan<char> rest = text.AsSpan().TrimEnd('\0');
        var certificates = new List<X509Certificate2>(Length);
        bool complete = false;
        try
        {
            while (!rest.Trim().IsEmpty)
            {
                if (certificates.Count == Length
                    || !PemEncoding.TryFind(rest, out PemFields fields)
                    || !rest[..fields.Location.Start.Value].IsWhiteSpace()
                    || !rest[fields.Label].SequenceEqual("CERTIFICATE"))
                {
                    detail = $"the certification data is not a PEM chain of {Length} certificates";
                    return false;
                }

                byte[] der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
                certificates.Add(X509CertificateLoader.LoadCertificate(der));
                rest = rest[fields.Location.End.Value..];
            }

            if (certificates.Count != Length)
            {
                detail = $"the PEM chain has {certificates.Count} certificates, expected {Length}";
                return false;
            }

            complete = true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            detail = $"a certificate of the chain does not parse: {e.Message}";
            return false;
        }
        finally
        {
            if (!complete)
            {
                DisposeAll(certificates);
            }
        }

        chain = new PckChain(certificates[0], certificates[1], certificates[2]);
        detail = string.Empty;
        return true;
    }

    public void Dispose()
    {
        Leaf.Dispose();
        Intermediate.Dispose();
        Root.Dispose();
    }

    private static void DisposeAll(List<X509Certificate2> certificates)
    {
        foreach (X509Certificate2 certificate in certificates)
        {
            certificate.Dispose();
        }

        certificates.Clear();
    }
}
