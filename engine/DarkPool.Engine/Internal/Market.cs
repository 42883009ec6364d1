namespace DarkPool.Engine.Internal;

/// <summary>A market's fixed definition and its book.</summary>
internal sealed class Market
{
    public Market(int id, int baseAsset, int quoteAsset, long tickSize, long lotSize, int makerFeeBps,
        int takerFeeBps, MarketMode mode, long maxReferenceAge, IOrderBook book)
    {
        MaxReferenceAge = maxReferenceAge;
        Id = id;
        BaseAsset = baseAsset;
        QuoteAsset = quoteAsset;
        TickSize = tickSize;
        LotSize = lotSize;
        MakerFeeBps = makerFeeBps;
        TakerFeeBps = takerFeeBps;
        HoldFeeBps = Math.Max(makerFeeBps, takerFeeBps);
        Mode = mode;
        Book = book;
    }

    public int Id { get; }

    public int BaseAsset { get; }

    public int QuoteAsset { get; }

    public long TickSize { get; }

    public long LotSize { get; }

    public int MakerFeeBps { get; }

    public int TakerFeeBps { get; }

    /// <summary>A buy may pay either fee, so its hold covers the larger (computed once: every buy's hold reads it).</summary>
    public int HoldFeeBps { get; }

    public MarketMode Mode { get; }

    public IOrderBook Book { get; }

    /// <summary>Oldest usable reference, in timestamp units; 0 = no limit.</summary>
    public long MaxReferenceAge { get; }

    public bool HasReference { get; private set; }

    public long ReferenceBid { get; private set; }

    public long ReferenceAsk { get; private set; }

    public long ReferenceObservedAt { get; private set; }

    /// <summary>The reference mid, rounded as <see cref="Midpoint"/> does; 0 when there is no reference.</summary>
    public long ReferenceMid { get; private set; }

    /// <summary>Takes <paramref name="source"/>'s reference price, set or not (a state image).</summary>
    public void CopyReferenceFrom(Market source)
    {
        HasReference = source.HasReference;
        ReferenceBid = source.ReferenceBid;
        ReferenceAsk = source.ReferenceAsk;
        ReferenceObservedAt = source.ReferenceObservedAt;
        ReferenceMid = source.ReferenceMid;
    }

    public void SetReference(long bid, long ask, long observedAt)
    {
        HasReference = true;
        ReferenceBid = bid;
        ReferenceAsk = ask;
        ReferenceObservedAt = observedAt;
        ReferenceMid = Midpoint(bid, ask);
    }

    /// <summary>
    /// The mid at which pegged orders trade at time <paramref name="now"/>, or 0 when they may not: no
    /// reference, a reference older than the maximum age (stale-price guard), or a crossed or locked
    /// reference (the collar).
    /// </summary>
    public long UsableMid(long now)
    {
        if (!HasReference || ReferenceBid >= ReferenceAsk)
        {
            return 0;
        }

        // In 128 bits: extreme times must not wrap an ancient reference into a fresh one.
        if (MaxReferenceAge > 0 && (Int128)now - ReferenceObservedAt > MaxReferenceAge)
        {
            return 0;
        }

        return ReferenceMid;
    }

    /// <summary>
    /// (bid + ask) / 2 in whole quote units; an exact half rounds to the even neighbour, so that neither
    /// buyers nor sellers are favoured on average (see docs/ENGINE.md). Never overflows.
    /// </summary>
    public static long Midpoint(long bid, long ask)
    {
        long half = (bid >> 1) + (ask >> 1);
        long odd = (bid & 1) + (ask & 1);
        if (odd == 2)
        {
            return half + 1;
        }

        if (odd == 1 && (half & 1) == 1)
        {
            return half + 1;
        }

        return half;
    }

    /// <summary>A positive multiple of the tick size (no division for the common tick of one).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsValidPrice(long price) => price > 0 && (TickSize == 1 || price % TickSize == 0);

    /// <summary>The asset an order of this side holds.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int HeldAsset(Side side)
    {
        // Both read first, so that the choice compiles to a conditional move: the side of an order is a coin toss.
        int quote = QuoteAsset;
        int baseAsset = BaseAsset;
        return side == Side.Buy ? quote : baseAsset;
    }

    public void AddToHash(ref StateHasher hasher)
    {
        hasher.Add(Id);
        hasher.Add(BaseAsset);
        hasher.Add(QuoteAsset);
        hasher.Add(TickSize);
        hasher.Add(LotSize);
        hasher.Add(MakerFeeBps);
        hasher.Add(TakerFeeBps);
        hasher.Add((long)Mode);
        hasher.Add(Book.OrderCount);
        hasher.Add(MaxReferenceAge);
        hasher.Add(HasReference ? 1 : 0);
        hasher.Add(ReferenceBid);
        hasher.Add(ReferenceAsk);
        hasher.Add(ReferenceObservedAt);
    }
}
