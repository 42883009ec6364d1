namespace DarkPool.Enclave.Journal.Internal;

/// <summary>What verifying and replaying the segments found.</summary>
internal sealed record ScanResult(List<SegmentEntry> Segments, JournalHead Head, long Replayed, TornTail? TornTail);
