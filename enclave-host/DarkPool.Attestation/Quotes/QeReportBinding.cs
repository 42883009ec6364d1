using System.Security.Cryptography;

namespace DarkPool.Attestation.Quotes;

/// <summary>
/// How the quoting enclave vouches for the attestation key: its REPORTDATA[0..31] is
/// SHA-256(attestation public key || QE authentication data) and REPORTDATA[32..63] is zero.
/// </summary>
public static class QeReportBinding
{
    /// <summary>Writes the 64-byte REPORTDATA the QE report must carry.</summary>
    public static void Compute(ReadOnlySpan<byte> attestationPublicKey, ReadOnlySpan<byte> qeAuthData, Span<byte> reportData)
    {
        if (reportData.Length < QuoteLayout.Report.ReportDataSize)
        {
            throw new ArgumentException($"Need {QuoteLayout.Report.ReportDataSize} bytes.", nameof(reportData));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(attestationPublicKey);
        hash.AppendData(qeAuthData);
        reportData[..QuoteLayout.Report.ReportDataSize].Clear();
        hash.GetHashAndReset(reportData[..32]);
    }

    /// <summary>The 64-byte REPORTDATA as a new array.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> attestationPublicKey, ReadOnlySpan<byte> qeAuthData)
    {
        var reportData = new byte[QuoteLayout.Report.ReportDataSize];
        Compute(attestationPublicKey, qeAuthData, reportData);
        return reportData;
    }

    /// <summary>True when <paramref name="qeReportData"/> binds this attestation key and authentication data.</summary>
    public static bool Matches(ReadOnlySpan<byte> qeReportData, ReadOnlySpan<byte> attestationPublicKey, ReadOnlySpan<byte> qeAuthData)
    {
        Span<byte> expected = stackalloc byte[QuoteLayout.Report.ReportDataSize];
        Compute(attestationPublicKey, qeAuthData, expected);
        return CryptographicOperations.FixedTimeEquals(expected, qeReportData);
    }
}
