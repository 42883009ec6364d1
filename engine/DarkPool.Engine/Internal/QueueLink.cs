namespace DarkPool.Engine.Internal;

/// <summary>
/// A slot's place in its level queue, kept apart from the order data: unlinking touches the neighbours'
/// 12-byte links (a small array that stays in L1) instead of their 64-byte order slots.
/// </summary>
internal struct QueueLink
{
    public int Level;
    public int Prev;

    /// <summary>Next in the level queue; for a free slot, the next free slot.</summary>
    public int Next;
}
