namespace DarkPool.Enclave.Platform;

/// <summary>Settings of the simulated platform. Only <see cref="DataFolder"/> is required.</summary>
public sealed class SimulatedPlatformOptions
{
    /// <summary>Where the platform keeps its secret, test PKI, counter and key generation; created on first use.</summary>
    public required string DataFolder { get; init; }

    /// <summary>The clock used to date the certificates issued when the data folder is created.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>ISVSVN of the simulated quoting enclave, also written as the header's QE SVN.</summary>
    public ushort QeSecurityVersion { get; init; } = 8;

    /// <summary>Security version of the simulated provisioning certification enclave (header PCE SVN).</summary>
    public ushort PceSecurityVersion { get; init; } = 13;

    /// <summary>CPUSVN reported in both report bodies, 16 bytes; zero when empty.</summary>
    public ReadOnlyMemory<byte> CpuSvn { get; init; }

    /// <summary>Validity of the root and platform CA certificates.</summary>
    public TimeSpan CaLifetime { get; init; } = TimeSpan.FromDays(25 * 365);

    /// <summary>Validity of the PCK leaf certificate (Intel issues PCK certificates for about seven years).</summary>
    public TimeSpan PckLifetime { get; init; } = TimeSpan.FromDays(7 * 365);
}
