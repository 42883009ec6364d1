namespace DarkPool.Engine.Internal;

/// <summary>A pooled price level: an intrusive FIFO queue of order slots with its aggregate quantity.</summary>
internal struct PriceLevel
{
    public long Price;
    public long Total;
    public int Count;
    public int Head;
    public int Tail;

    /// <summary>For a free level, the next free level.</summary>
    public int NextFree;
}
