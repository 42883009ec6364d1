using System.Security.Cryptography;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Quotes;

namespace DarkPool.Attestation.Tests.Support;

/// <summary>Everything a test may change about a quote before it is encoded and signed.</summary>
internal sealed class QuoteSpec
{
    public required EnclaveIdentity Identity { get; set; }

    public required byte[] ReportData { get; set; }

    public PlatformFlags Flags { get; set; } = PlatformFlags.Simulated;

    public Sha256Hash QeMrSigner { get; set; } = SimulatedQuotingEnclave.MrSigner;

    public ushort QeProductId { get; set; } = SimulatedQuotingEnclave.ProductId;

    public ushort QeSvn { get; set; } = 8;

    public bool QeDebug { get; set; }

    public byte[]? QeReportData { get; set; }

    public ECDsa? QeReportSigner { get; set; }

    public byte[]? CertificationData { get; set; }

    public byte[]? QeVendorId { get; set; }
}
