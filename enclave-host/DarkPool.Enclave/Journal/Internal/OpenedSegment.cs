namespace DarkPool.Enclave.Journal.Internal;

/// <summary>A segment file whose header recovery has unsealed.</summary>
internal sealed record OpenedSegment(string Name, SegmentHeader Header);
