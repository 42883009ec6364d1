using System.Security.Cryptography.X509Certificates;

namespace DarkPool.Attestation.Tests.Support;

/// <summary>Knobs for building broken certificate hierarchies.</summary>
internal sealed class PkiOptions
{
    public string RootName { get; init; } = "CN=Test SGX Root CA";

    public TimeSpan RootNotAfter { get; init; } = TimeSpan.FromDays(25 * 365);

    public bool RootIsCa { get; init; } = true;

    public X509KeyUsageFlags RootUsage { get; init; } = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign;

    public TimeSpan LeafNotBefore { get; init; } = TimeSpan.FromDays(-1);

    public TimeSpan LeafNotAfter { get; init; } = TimeSpan.FromDays(365);

    public TimeSpan IntermediateNotAfter { get; init; } = TimeSpan.FromDays(3650);

    public X509KeyUsageFlags LeafUsage { get; init; } = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation;

    public bool LeafIsCa { get; init; }

    public bool IntermediateIsCa { get; init; } = true;

    public X509KeyUsageFlags IntermediateUsage { get; init; } = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign;

    /// <summary>Give the leaf Intel's SGX extension (the collateral checks need it; quote-only checks do not).</summary>
    public bool LeafHasSgxExtension { get; init; } = true;

    /// <summary>The TCB the leaf certifies: 16 component SVNs.</summary>
    public byte[] CpuSvn { get; init; } = [2, 2, 2, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];

    public ushort PceSvn { get; init; } = 13;

    public TimeSpan TcbSigningNotAfter { get; init; } = TimeSpan.FromDays(3650);
}
