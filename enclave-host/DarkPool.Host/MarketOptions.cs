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
}
