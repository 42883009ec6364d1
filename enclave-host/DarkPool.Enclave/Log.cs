using Microsoft.Extensions.Logging;

namespace DarkPool.Enclave;

/// <summary>
/// Every log line of the enclave assembly, source-generated, with stable event ids. No line carries key material,
/// an order field or a balance.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "SIMULATED enclave platform: no hardware isolation, the platform secret lives on the host's disk in {DataFolder}, "
            + "and quotes are marked simulated and chain to the test root {RootCertificatePath}, which no production policy accepts")]
    public static partial void SimulatedPlatformStarted(ILogger logger, string dataFolder, string rootCertificatePath);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Enclave identity: MRENCLAVE {MrEnclave}, MRSIGNER {MrSigner}, product {ProductId}, security version {SecurityVersion}, debug {Debug}")]
    public static partial void EnclaveIdentity(ILogger logger, string mrEnclave, string mrSigner, ushort productId, ushort securityVersion, bool debug);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "Simulated platform state created in {DataFolder}: new platform secret and test certificate hierarchy")]
    public static partial void SimulatedStateCreated(ILogger logger, string dataFolder);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Simulated platform refused to start ({Kind}): {Detail}")]
    public static partial void PlatformOpenFailed(ILogger logger, Platform.PlatformOpenErrorKind kind, string detail);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Sealing key generation rotated to {Generation}")]
    public static partial void SealKeyGenerationRotated(ILogger logger, uint generation);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information,
        Message = "Simulated PCK certificate re-issued for the configured TCB: CPUSVN {CpuSvn}, PCESVN {PceSvn}, FMSPC {Fmspc}")]
    public static partial void PckCertificateReissued(ILogger logger, string cpuSvn, ushort pceSvn, string fmspc);
}
