namespace DarkPool.Engine.Internal;

/// <summary>A pooled order: the order's data and its links in its account's list (0 = none). Queue links live apart, in <see cref="QueueLink"/>.</summary>
internal struct OrderSlot
{
    public OrderData Data;
    public int AccountPrev;
    public int AccountNext;
}
