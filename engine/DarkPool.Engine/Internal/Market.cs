namespace DarkPool.Engine.Internal;

/// <summary>A market's fixed definition and its book.</summary>
internal sealed class Market
{
    public Market(int id, int baseAsset, int quoteAsset, long tickSize, long lotSize, int makerFeeBps,
        int takerFeeBps, MarketMode mode, IOrderBook book)
    {
        Id = id;
        BaseAsset = baseAsset;
        QuoteAsset = quoteAsset;
        TickSize = tickSize;
        LotSize = lotSize;
        MakerFeeBps = makerFeeBps;
        TakerFeeBps = takerFeeBps;
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

    /// <summary>A buy may pay either fee, so its hold covers the larger.</summary>
    public int HoldFeeBps => Math.Max(MakerFeeBps, TakerFeeBps);

    public MarketMode Mode { get; }

    public IOrderBook Book { get; }

    /// <summary>A positive multiple of the tick size (no division for the common tick of one).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsValidPrice(long price) => price > 0 && (TickSize == 1 || price % TickSize == 0);

    /// <summary>The asset an order of this side holds.</summary>
    public int HeldAsset(Side side) => side == Side.Buy ? QuoteAsset : BaseAsset;

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
    }
}
