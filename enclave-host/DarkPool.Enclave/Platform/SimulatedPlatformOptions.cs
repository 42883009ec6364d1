namespace DarkPool.Enclave.Platform;

/// <summary>Settings of the simulated platform. Only <see cref="DataFolder"/> is required.</summary>
public sealed class SimulatedPlatformOptions
{
    /// <summary>
    /// Where the platform keeps its secret, test PKI, counter and key generation; created on first use when it does not
    /// exist or is empty, and held by one open platform at a time.
    /// </summary>
    public required string DataFolder { get; init; }

    /// <summary>The clock used to date the certificates issued when the data folder is created.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>ISVSVN of the simulated quoting enclave, also written as the header's QE SVN.</summary>
    public ushort QeSecurityVersion { get; init; } = 8;

    /// <summary>Security version of the simulated provisioning certification enclave (header PCE SVN).</summary>
    public ushort PceSecurityVersion { get; init; } = 13;

    /// <summary>
    /// CPUSVN reported in both report bodies and certified by the PCK certificate (its bytes are the 16 SGX TCB
    /// component SVNs), 16 bytes; zero when empty.
    /// </summary>
    public ReadOnlyMemory<byte> CpuSvn { get; init; }

    /// <summary>The platform model in the PCK certificate and the TCB Info, 6 bytes; <see cref="DefaultFmspc"/> when empty.</summary>
    public ReadOnlyMemory<byte> Fmspc { get; init; }

    /// <summary>What the simulated provisioning service says about this platform (TCB statuses, revocation, lifetimes).</summary>
    public SimulatedCollateralOptions Collateral { get; init; } = new();

    /// <summary>Validity of the root and platform CA certificates.</summary>
    public TimeSpan CaLifetime { get; init; } = TimeSpan.FromDays(25 * 365);

    /// <summary>Validity of the PCK leaf certificate (Intel issues PCK certificates for about seven years).</summary>
    public TimeSpan PckLifetime { get; init; } = TimeSpan.FromDays(7 * 365);

    /// <summary>Validity of the TCB signing certificate.</summary>
    public TimeSpan TcbSigningLifetime { get; init; } = TimeSpan.FromDays(7 * 365);

    /// <summary>The simulated FMSPC, "DA5100000000": not a real Intel platform model.</summary>
    public static ReadOnlyMemory<byte> DefaultFmspc { get; } = new byte[] { 0xDA, 0x51, 0x00, 0x00, 0x00, 0x00 };
}
