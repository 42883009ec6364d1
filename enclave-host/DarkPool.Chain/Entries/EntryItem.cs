namespace DarkPool.Chain.Entries;

/// <summary>
/// One item of a settlement entry; which fields carry meaning depends on <see cref="Kind"/> (docs/SETTLEMENT.md,
/// "Entries"): a fill uses market, side, liquidity, price, quantity, fee and client order id; a deposit the deposit
/// index, asset and amount (in <see cref="Quantity"/>); a withdrawal the asset and amount; a balance the asset,
/// available (<see cref="Quantity"/>) and held (<see cref="Fee"/>).
/// </summary>
/// <param name="Kind">what the item records</param>
/// <param name="MarketOrAsset">the market of a fill, the asset otherwise</param>
/// <param name="Side">fill: 1 buy, 2 sell</param>
/// <param name="Liquidity">fill: 1 maker, 2 taker, 3 auction</param>
/// <param name="Price">fill: price in ticks</param>
/// <param name="Quantity">fill: lots; deposit and withdrawal: amount; balance: available</param>
/// <param name="Fee">fill: fee; balance: held</param>
/// <param name="Id">fill: client order id; deposit: deposit index</param>
public readonly record struct EntryItem(
    EntryItemKind Kind, int MarketOrAsset, byte Side, byte Liquidity, long Price, long Quantity, long Fee, ulong Id)
{
    /// <summary>A fill.</summary>
    public static EntryItem Fill(int market, byte side, byte liquidity, long price, long quantity, long fee, ulong clientOrderId) =>
        new(EntryItemKind.Fill, market, side, liquidity, price, quantity, fee, clientOrderId);

    /// <summary>A credited deposit.</summary>
    public static EntryItem Deposit(ulong depositIndex, int asset, long amount) => new(EntryItemKind.Deposit, asset, 0, 0, 0, amount, 0, depositIndex);

    /// <summary>A paid withdrawal.</summary>
    public static EntryItem Withdrawal(int asset, long amount) => new(EntryItemKind.Withdrawal, asset, 0, 0, 0, amount, 0, 0);

    /// <summary>A balance at the cut.</summary>
    public static EntryItem Balance(int asset, long available, long held) => new(EntryItemKind.Balance, asset, 0, 0, 0, available, held, 0);
}
