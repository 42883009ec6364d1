using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DarkPool.Attestation.Collateral;

/// <summary>
/// What an auditor takes away to verify a quote with any DCAP verifier: the quote, the root CA to pin and the
/// collateral, as three files in one folder (<c>quote.bin</c>, <c>root.der</c>, <c>collateral.json</c>). The audit
/// CLI's <c>evidence</c> command writes them with <see cref="WriteTo"/>; docs/ATTESTATION.md shows how to check them
/// with Phala's dcap-qvl.
/// </summary>
public sealed class Evidence
{
    /// <summary>The quote, raw bytes.</summary>
    public const string QuoteFileName = "quote.bin";

    /// <summary>The root CA certificate, DER.</summary>
    public const string RootCertificateFileName = "root.der";

    /// <summary>The collateral, JSON (see <see cref="QuoteCollateral.ToJson"/>).</summary>
    public const string CollateralFileName = "collateral.json";

    private readonly byte[] _quote;
    private readonly byte[] _rootCertificate;

    /// <summary>Evidence from a quote, the DER root certificate it chains to, and its collateral.</summary>
    public Evidence(ReadOnlySpan<byte> quote, ReadOnlySpan<byte> rootCertificate, QuoteCollateral collateral)
    {
        ArgumentNullException.ThrowIfNull(collateral);
        _quote = quote.ToArray();
        _rootCertificate = rootCertificate.ToArray();
        Collateral = collateral;
    }

    /// <summary>The quote.</summary>
    public ReadOnlyMemory<byte> Quote => _quote;

    /// <summary>The root CA certificate (DER) a verifier pins.</summary>
    public ReadOnlyMemory<byte> RootCertificate => _rootCertificate;

    /// <summary>The collateral.</summary>
    public QuoteCollateral Collateral { get; }

    /// <summary>Writes the three files into <paramref name="folder"/> (created if needed), replacing files of the same names.</summary>
    public void WriteTo(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, QuoteFileName), _quote);
        File.WriteAllBytes(Path.Combine(folder, RootCertificateFileName), _rootCertificate);
        File.WriteAllText(Path.Combine(folder, CollateralFileName), Collateral.ToJson(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>Reads the three files back; says which one is missing or does not parse. Nothing is verified here.</summary>
    public static bool TryReadFrom(string folder, [NotNullWhen(true)] out Evidence? evidence, out EvidenceReadError error)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        evidence = null;
        foreach (string file in new[] { QuoteFileName, RootCertificateFileName, CollateralFileName })
        {
            if (!File.Exists(Path.Combine(folder, file)))
            {
                error = new EvidenceReadError(file, "missing");
                return false;
            }
        }

        byte[] root = File.ReadAllBytes(Path.Combine(folder, RootCertificateFileName));
        try
        {
            using X509Certificate2 parsed = X509CertificateLoader.LoadCertificate(root);
        }
        catch (CryptographicException e)
        {
            error = new EvidenceReadError(RootCertificateFileName, $"not a DER certificate: {e.Message}");
            return false;
        }

        if (!QuoteCollateral.TryParse(File.ReadAllText(Path.Combine(folder, CollateralFileName)), out QuoteCollateral? collateral, out CollateralParseError parseError))
        {
            error = new EvidenceReadError(CollateralFileName, parseError.ToString());
            return false;
        }

        evidence = new Evidence(File.ReadAllBytes(Path.Combine(folder, QuoteFileName)), root, collateral);
        error = default;
        return true;
    }
}
