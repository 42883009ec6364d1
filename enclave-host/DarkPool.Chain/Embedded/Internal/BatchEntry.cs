namespace DarkPool.Chain.Embedded.Internal;

internal sealed class BatchEntry
{
    public ulong Sequence { get; set; }

    public Hash32 Hash { get; set; }

    public Hash32 JournalHead { get; set; }

    public ulong Block { get; set; }
}
