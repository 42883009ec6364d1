using System.Security.Cryptography.X509Certificates;

namespace DarkPool.Attestation.Tests.Support;

/// <summary>Knobs for building broken certificate hierarchies.</summary>
internal sealed class PkiOptions
{
    public string RootName { get; init; } = "CN=Test SGX Root CA";

    public TimeSpan LeafNotBefore { get; init; } = TimeSpan.FromDays(-1);

    public TimeSpan LeafNotAfter { get; init; } = TimeSpan.FromDays(365);

    public TimeSpan IntermediateNotAfter { get; init; } = TimeSpan.FromDays(3650);

    public X509KeyUsageFlags LeafUsage { get; init; } = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation;

    public bool IntermediateIsCa { get; init; } = true;

    public X509KeyUsageFlags IntermediateUsage { get; init; } = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign;
}
