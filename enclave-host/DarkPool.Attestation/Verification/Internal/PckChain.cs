using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;

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
        if (!PemCertificates.TryParse(certificationData, Length, "certification data", out X509Certificate2[]? certificates, out detail))
        {
            return false;
        }

        chain = new PckChain(certificates[0], certificates[1], certificates[2]);
        return true;
    }

    /// <summary>True when <paramref name="other"/> holds the same three certificates, byte for byte.</summary>
    public bool SameCertificatesAs(X509Certificate2[] other) =>
        other.Length == Length
        && Leaf.RawDataMemory.Span.SequenceEqual(other[0].RawDataMemory.Span)
        && Intermediate.RawDataMemory.Span.SequenceEqual(other[1].RawDataMemory.Span)
        && Root.RawDataMemory.Span.SequenceEqual(other[2].RawDataMemory.Span);

    public void Dispose()
    {
        Leaf.Dispose();
        Intermediate.Dispose();
        Root.Dispose();
    }
}
