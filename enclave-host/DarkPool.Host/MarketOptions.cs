using DarkPool.Enclave.Core;

namespace DarkPool.Host;

/// <summary>A market as configuration: plain numbers (assets are ids; their names live with the operator's tooling).</summary>
/// <param name="Id">Market id.</param>
/// <param name="BaseAsset">Base asset id.</param>
/// <param name="QuoteAsset">Quote asset id.</param>
/// <param name="TickSize">Price step, quote units per lot.</param>
/// <param name="LotSize">Base units per lot.</param>
/// <param name="MakerFeeBps">Maker fee, basis points.</param>
/// <param name="TakerFeeBps">Taker fee, basis points.</param>
public sealed record MarketOptions(int Id, int BaseAsset, int QuoteAsset, long TickSize, long LotSize, int MakerFeeBps = 0, int TakerFeeBps = 0)
{
    /// <summary>Market 1: asset 1 (BTC) against asset 2 (USDC), tick 1, lot 1, no fees.</summary>
    public static MarketOptions Default { get; } = new(1, 1, 2, 1, 1);

    /// <summary>Continuous (the default) or a call market uncrossed by the host's auction timer.</summary>
    public TradingMode Mode { get; init; } = TradingMode.Continuous;

    /// <summary>Auction markets: the longest time between two uncrosses, milliseconds (&gt; 0).</summary>
    public int AuctionIntervalMs { get; init; }

    /// <summary>
    /// Auction markets: each period ends at a random moment within its last this many milliseconds (0 ≤ x &lt; the
    /// interval), drawn with a CSPRNG, so nobody can time an order for the uncross.
    /// </summary>
    public int AuctionRandomEndMs { get; init; }

    /// <summary>Oldest usable reference price, milliseconds of enclave time; 0 = no limit (docs/ENGINE.md, "Reference price").</summary>
    public long MaxReferenceAgeMs { get; init; }

    /// <summary>Throws with a message naming the market and the setting when a value is invalid.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid.</exception>
    public void Validate()
    {
        string? problem = Problem();
        if (problem is not null)
        {
            throw new InvalidOperationException($"market {Id}: {problem}");
        }
    }

    private string? Problem()
    {
        if (Id < 0)
        {
            return "Id must be ≥ 0.";
        }

        if (BaseAsset < 0 || QuoteAsset < 0 || BaseAsset == QuoteAsset)
        {
            return $"BaseAsset {BaseAsset} and QuoteAsset {QuoteAsset} must be two different asset ids ≥ 0.";
        }

        if (TickSize <= 0 || LotSize <= 0)
        {
            return $"TickSize {TickSize} and LotSize {LotSize} must be > 0.";
        }

        if (MakerFeeBps is < 0 or > 10_000 || TakerFeeBps is < 0 or > 10_000)
        {
            return $"MakerFeeBps {MakerFeeBps} and TakerFeeBps {TakerFeeBps} must be 0 to 10,000.";
        }

        if (MaxReferenceAgeMs < 0)
        {
            return $"MaxReferenceAgeMs {MaxReferenceAgeMs} must be ≥ 0 (0 = no limit).";
        }

        switch (Mode)
        {
            case TradingMode.Continuous:
                return AuctionIntervalMs != 0 || AuctionRandomEndMs != 0
                    ? $"AuctionIntervalMs and AuctionRandomEndMs apply to auction markets only; this market's Mode is Continuous."
                    : null;
            case TradingMode.Auction:
                if (AuctionIntervalMs <= 0)
                {
                    return $"AuctionIntervalMs {AuctionIntervalMs} must be > 0 for an auction market.";
                }

                return AuctionRandomEndMs < 0 || AuctionRandomEndMs >= AuctionIntervalMs
                    ? $"AuctionRandomEndMs {AuctionRandomEndMs} must be ≥ 0 and less than AuctionIntervalMs {AuctionIntervalMs}."
                    : null;
            default:
                return $"Mode {(int)Mode} is not a market mode (Continuous or Auction).";
        }
    }

    /// <summary>This market as the enclave defines markets.</summary>
    internal MarketDefinition ToDefinition() => new(
        Id, BaseAsset, QuoteAsset, TickSize, LotSize, MakerFeeBps, TakerFeeBps, (byte)Mode, MaxReferenceAgeMs);

    /// <summary>The journaled record that creates this market.</summary>
    internal byte[] ToCreateMarketRecord() => EnclaveRecords.CreateMarket(0, ToDefinition());

    /// <summary>
    /// The first setting of <paramref name="existing"/> (the market the enclave holds under this id) that differs from
    /// this configuration, as a message; null when they agree. The auction timing is the host's own and may change freely.
    /// </summary>
    internal string? DifferenceFrom(in MarketDefinition existing)
    {
        (string Name, object Existing, object Configured)[] fields =
        [
            (nameof(BaseAsset), existing.BaseAsset, BaseAsset),
            (nameof(QuoteAsset), existing.QuoteAsset, QuoteAsset),
            (nameof(TickSize), existing.TickSize, TickSize),
            (nameof(LotSize), existing.LotSize, LotSize),
            (nameof(MakerFeeBps), existing.MakerFeeBps, MakerFeeBps),
            (nameof(TakerFeeBps), existing.TakerFeeBps, TakerFeeBps),
            (nameof(Mode), (TradingMode)existing.Mode, Mode),
            (nameof(MaxReferenceAgeMs), existing.MaxReferenceAge, MaxReferenceAgeMs),
        ];
        foreach ((string name, object was, object configured) in fields)
        {
            if (!was.Equals(configured))
            {
                return $"market {Id} exists with {name} {was} but the configuration says {configured}: a market cannot be changed "
                    + "(configure a new market under a new id; removing a market from the configuration does not delete it).";
            }
        }

        return null;
    }
}
