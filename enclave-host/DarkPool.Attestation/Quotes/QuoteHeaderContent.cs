namespace DarkPool.Attestation.Quotes;

/// <summary>The header fields a quoting enclave chooses. Version and key type are fixed by the format.</summary>
public sealed class QuoteHeaderContent
{
    /// <summary>Security version of the quoting enclave.</summary>
    public ushort QeSvn { get; init; }

    /// <summary>Security version of the provisioning certification enclave.</summary>
    public ushort PceSvn { get; init; }

    /// <summary>QE vendor id, 16 bytes; Intel's when empty.</summary>
    public ReadOnlyMemory<byte> QeVendorId { get; init; }

    /// <summary>QE ID, 16 bytes (zero when empty).</summary>
    public ReadOnlyMemory<byte> QeId { get; init; }

    /// <summary>Platform flags written at offset 44.</summary>
    public PlatformFlags Flags { get; init; }
}
