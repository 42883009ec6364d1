namespace DarkPool.Engine.Internal;

/// <summary>A pooled order: the order's data plus its links in the level queue and in its account's list (0 = none).</summary>
internal struct OrderSlot
{
    public OrderData Data;
    public int Level;
    public int Prev;

    /// <summary>Next in the level queue; for a free slot, the next free slot.</summary>
    public int Next;
    public int AccountPrev;
    public int AccountNext;
}
