using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DarkPool.Attestation.Verification.Internal;

/// <summary>
/// Reads a PEM certificate chain of an exact length: only whitespace between the blocks, trailing NUL bytes allowed
/// (Intel's certification data ends with one). Used for the quote's PCK chain and the collateral's issuer chains.
/// </summary>
internal static class PemCertificates
{
    public static bool TryParse(ReadOnlySpan<byte> utf8, int count, string what, [NotNullWhen(true)] out X509Certificate2[]? certificates, out string detail)
    {
        certificates = null;
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            detail = $"the {what} is not text";
            return false;
        }

        return TryParse(text, count, what, out certificates, out detail);
    }

    public static bool TryParse(string text, int count, string what, [NotNullWhen(true)] out X509Certificate2[]? certificates, out string detail)
    {
        certificates = null;
        ReadOnlySpan<char> rest = text.AsSpan().TrimEnd('\0');
        var parsed = new List<X509Certificate2>(count);
        bool complete = false;
        try
        {
            while (!rest.Trim().IsEmpty)
            {
                if (parsed.Count == count
                    || !PemEncoding.TryFind(rest, out PemFields fields)
                    || !rest[..fields.Location.Start.Value].IsWhiteSpace()
                    || !rest[fields.Label].SequenceEqual("CERTIFICATE"))
                {
                    detail = $"the {what} is not a PEM chain of {count} certificates";
                    return false;
                }

                byte[] der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
                parsed.Add(X509CertificateLoader.LoadCertificate(der));
                rest = rest[fields.Location.End.Value..];
            }

            if (parsed.Count != count)
            {
                detail = $"the {what} has {parsed.Count} certificates, expected {count}";
                return false;
            }

            complete = true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            detail = $"a certificate of the {what} does not parse: {e.Message}";
            return false;
        }
        finally
        {
            if (!complete)
            {
                DisposeAll(parsed);
            }
        }

        certificates = [.. parsed];
        detail = string.Empty;
        return true;
    }

    public static void DisposeAll(IEnumerable<X509Certificate2> certificates)
    {
        foreach (X509Certificate2 certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
