using DarkPool.Enclave.Journal;
using Microsoft.Extensions.Logging;

namespace DarkPool.Enclave;

/// <summary>The journal's log lines (event ids 20 to 29). Positions and file names only: never a payload or a key.</summary>
internal static partial class Log
{
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
