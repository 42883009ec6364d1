using CsCheck;
using DarkPool.Engine;

namespace DarkPool.Testing;

/// <summary>
/// CsCheck generators of command streams that hit every rule: a small universe (two markets, five
/// accounts, a dozen order ids each, prices around 100) so that orders cross, collide on ids, self-trade,
/// get amended and cancelled, and run out of funds; plus a share of invalid commands.
/// </summary>
public static class CommandGen
{
    public const int Accounts = 5;
    public const int BaseAsset = 0;
    public const int QuoteAsset = 1;
    public const int OtherBase = 2;

    /// <summary>Options sized for the generated universe, so that consistency checks stay cheap.</summary>
    public static EngineOptions Options(BookKind book) => new()
    {
        Book = book,
        MaxAccounts = 16,
        MaxAssets = 4,
        MaxMarkets = 4,
        ExpectedAccounts = 8,
        ExpectedOrdersPerMarket = 8,
    };

    /// <summary>Two markets (one with fees and a lot size) and funded accounts.</summary>
    public static Command[] Prelude()
    {
        var commands = new List<Command>
        {
            Command.NewMarket(0, BaseAsset, QuoteAsset, tickSize: 1, lotSize: 1),
            Command.NewMarket(1, OtherBase, QuoteAsset, tickSize: 5, lotSize: 10, makerFeeBps: 10, takerFeeBps: 25),
        };
        for (int account = 1; account <= Accounts; account++)
        {
            commands.Add(Command.DepositFunds(account, BaseAsset, 400));
            commands.Add(Command.DepositFunds(account, QuoteAsset, 40_000));
            commands.Add(Command.DepositFunds(account, OtherBase, 4_000));
        }

        return [.. commands];
    }

    private static readonly Gen<(int Account, int Market, long Id)> Who =
        Gen.Select(Gen.Int[1, Accounts], Gen.Frequency((9, Gen.Const(0)), (3, Gen.Const(1)), (1, Gen.Const(3))), Gen.Long[1, 12]);

    /// <summary>
    /// Mostly near 100; some off the 5-tick grid of market 1; a few far enough to grow the fast book's
    /// dense level window (thousands of ticks away), to land outside it (millions away), or at the very
    /// top of the integer range (where only a one-lot sell fits).
    /// </summary>
    private static readonly Gen<long> NearPrices = Gen.Frequency(
        (40, Gen.Long[90, 110]),
        (6, Gen.Long[18, 22].Select(p => p * 5)),
        (2, Gen.Long[-2, 3]));

    private static readonly Gen<long> PriceGen = Gen.Frequency(
        (96, NearPrices),
        (2, Gen.Long[600, 1_800].Select(p => p * 5)),
        (2, Gen.Long[1_000_000, 1_000_010].Select(p => p * 5)),
        (1, Gen.Long[(long.MaxValue / 5) - 2, long.MaxValue / 5].Select(p => p * 5)));

    private static readonly Gen<long> QuantityGen = Gen.Frequency((20, Gen.Long[1, 12]), (1, Gen.Long[-1, 0]), (1, Gen.Long[50, 500]));

    private static Gen<Command> LimitGen(Gen<long> prices) => Gen.Select(Who, Gen.Enum<Side>(), prices, QuantityGen,
        Gen.Frequency((8, Gen.Const(TimeInForce.Gtc)), (2, Gen.Const(TimeInForce.Ioc)), (2, Gen.Const(TimeInForce.Fok))),
        Gen.Frequency((6, Gen.Const(StpMode.CancelResting)), (1, Gen.Const(StpMode.CancelIncoming)), (1, Gen.Const(StpMode.CancelBoth)), (2, Gen.Const(StpMode.Decrement))),
        Gen.Int[0, 9],
        (who, side, price, quantity, tif, stp, postOnly) =>
            Command.Limit(who.Account, who.Market, who.Id, side, price, quantity, tif, stp, postOnly: postOnly == 0));

    private static readonly Gen<Command> MarketGen = Gen.Select(Who, Gen.Enum<Side>(), QuantityGen,
        Gen.Frequency((2, Gen.Const(TimeInForce.Ioc)), (2, Gen.Const(TimeInForce.Fok)), (1, Gen.Const(TimeInForce.Gtc))),
        Gen.Frequency((3, Gen.Const(0L)), (2, Gen.Long[1, 2_000])),
        Gen.Frequency((6, Gen.Const(StpMode.CancelResting)), (1, Gen.Const(StpMode.CancelIncoming)), (1, Gen.Const(StpMode.CancelBoth)), (2, Gen.Const(StpMode.Decrement))),
        (who, side, quantity, tif, budget, stp) =>
            Command.MarketOrder(who.Account, who.Market, who.Id, side, quantity, tif, budget, stp));

    private static Gen<Command> AmendGen(Gen<long> prices) => Gen.Select(Who, prices, QuantityGen, Gen.Int[0, 2],
        (who, price, quantity, which) => Command.AmendOrder(who.Account, who.Market, who.Id,
            which != 1 ? price : null, which != 0 ? quantity : null));

    private static readonly Gen<Command> FundsGen = Gen.Select(Gen.Int[1, Accounts], Gen.Int[0, 3], Gen.Frequency((20, Gen.Long[1, 3_000]), (1, Gen.Long[-5, 0])), Gen.Bool,
        (account, asset, amount, deposit) => deposit
            ? Command.DepositFunds(account, asset, amount)
            : Command.WithdrawFunds(account, asset, amount));

    /// <summary>One command, weighted towards order flow.</summary>
    public static readonly Gen<Command> Any = Mix(PriceGen);

    /// <summary>
    /// Like <see cref="Any"/> but with prices only near the book: steady state, in which the fast book's
    /// structures stop growing (prices far away grow its level window, which allocates by design).
    /// </summary>
    public static readonly Gen<Command> SteadyState = Mix(NearPrices);

    private static Gen<Command> Mix(Gen<long> prices) => Gen.Frequency(
        (40, LimitGen(prices)),
        (6, MarketGen),
        (14, AmendGen(prices)),
        (12, Who.Select(w => Command.CancelOrder(w.Account, w.Market, w.Id))),
        (1, Gen.Select(Gen.Int[1, Accounts], Gen.Int[-1, 1], (a, m) => Command.MassCancelOrders(a, m < 0 ? null : m))),
        (3, FundsGen),
        (1, Gen.Int[0, 2].Select(Command.BookQuery)),
        (1, Gen.Select(Gen.Int[0, Accounts], Gen.Int[0, 4], Command.BalanceQuery)));

    /// <summary>A stream of commands of the given length (after <see cref="Prelude"/>).</summary>
    public static Gen<Command[]> Stream(int length) => Any.Array[length];
}
