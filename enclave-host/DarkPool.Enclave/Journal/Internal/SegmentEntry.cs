namespace DarkPool.Enclave.Journal.Internal;

/// <summary>A closed segment: its records are final. <see cref="LastSequence"/> is <c>FirstSequence - 1</c> when it holds none.</summary>
internal readonly record struct SegmentEntry(string Name, long FirstSequence, long LastSequence, ulong Counter)
{
    public bool IsEmpty => LastSequence < FirstSequence;
}
