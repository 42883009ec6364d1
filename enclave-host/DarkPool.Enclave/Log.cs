using DarkPool.Enclave.Journal;
using Microsoft.Extensions.Logging;

namespace DarkPool.Enclave;

/// <summary>
/// Every log line of the enclave assembly, source-generated, with stable event ids. No line carries key material,
/// an order field or a balance.
/// </summary>
/// <remarks>
/// One declaration in one file on purpose: with the class split over several files, the logging generator emitted its
/// fields in an order that depended on the build folder, and the enclave's measurement was not reproducible.
/// </remarks>
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

    // The journal's lines (event ids 20 to 29). Positions and file names only: never a payload or a key.
    [LoggerMessage(EventId = 20, Level = LogLevel.Information,
        Message = "Journal recovered: new {CreatedNew}, snapshot {SnapshotFile}, {Replayed} records replayed, head {HeadSequence}, monotonic counter {Counter}")]
    public static partial void JournalRecovered(ILogger logger, bool createdNew, string? snapshotFile, long replayed, long headSequence, ulong counter);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Journal torn tail dropped: {File} cut back to {Offset} ({DroppedBytes} bytes of an incomplete record)")]
    public static partial void JournalTornTailDropped(ILogger logger, string file, long offset, long droppedBytes);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Journal snapshot not used: {Reason}")]
    public static partial void JournalSnapshotSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Journal removed debris of an interrupted operation: {File}")]
    public static partial void JournalDebrisRemoved(ILogger logger, string file);

    [LoggerMessage(EventId = 24, Level = LogLevel.Error, Message = "Journal refused to start ({Kind}): {Detail}")]
    public static partial void JournalOpenRefused(ILogger logger, JournalErrorKind kind, string detail);

    [LoggerMessage(EventId = 25, Level = LogLevel.Warning,
        Message = "Journal prune after a snapshot failed ({Kind}): {Detail}; the snapshot stands, the old files stay until the next prune")]
    public static partial void JournalPruneFailed(ILogger logger, string kind, string detail);

    public static void JournalOpened(ILogger logger, JournalRecovery recovery)
    {
        foreach (SkippedSnapshot skipped in recovery.SkippedSnapshots)
        {
            JournalSnapshotSkipped(logger, skipped.Reason);
        }

        if (recovery.TornTail is { } torn)
        {
            JournalTornTailDropped(logger, torn.File, torn.Offset, torn.DroppedBytes);
        }

        foreach (string file in recovery.RemovedFiles)
        {
            JournalDebrisRemoved(logger, file);
        }

        JournalRecovered(logger, recovery.CreatedNew, recovery.Snapshot?.File, recovery.ReplayedRecords, recovery.Head.Sequence, recovery.CounterValue);
    }
}
