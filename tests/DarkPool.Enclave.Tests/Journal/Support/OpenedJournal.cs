using DarkPool.Enclave.Journal;

namespace DarkPool.Enclave.Tests.Journal.Support;

/// <summary>A started journal with what its recovery found and fed.</summary>
internal sealed record OpenedJournal(SealedJournal Journal, JournalRecovery Recovery, RecordingTarget Target) : IDisposable
{
    public void Dispose() => Journal.Dispose();
}
