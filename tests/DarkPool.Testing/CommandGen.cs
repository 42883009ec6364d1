using CsCheck;
using DarkPool.Engine;

namespace DarkPool.Testing;

/// <summary>
/// CsCheck generators of command streams that hit every rule: a small universe (two markets, five
/// accounts, a dozen order ids each, prices around 100) so that orders cross, collide on ids, self-trade,
/// get amended and cancelled, and run out of funds; plus a share of invalid commands. Market 0 also has
/// a reference price with a maximum age (commands carry random times, so references go stale and
/// arrive out of order), midpoint pegs and minimum quantities; market 2 runs batch auctions.
/// </summary>
public static class CommandGen
{
    public const int Accounts = 5;
    public const int BaseAsset = 0;
    public const int QuoteAsset = 1;
    public const int OtherBase = 2;
    public const int AuctionMarket = 2;
    public const long MaxReferenceAge = 150;

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
            Command.NewMarket(0, BaseAsset, QuoteAsset, tickSize: 1, lotSize: 1, maxReferenceAge: MaxReferenceAge),
            Command.NewMarket(1, OtherBase, QuoteAsset, tickSize: 5, lotSize: 10, makerFeeBps: 10, takerFeeBps: 25),
            Command.NewMarket(AuctionMarket, BaseAsset, QuoteAsset, tickSize: 1, lotSize: 1, makerFeeBps: 5, takerFeeBps: 20, mode: MarketMode.Auction),
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
        Gen.Select(Gen.Int[1, Accounts], Gen.Frequency((9, Gen.Const(0)), (3, Gen.Const(1)), (3, Gen.Const(AuctionMarket)), (1, Gen.Const(3))), Gen.Long[1, 12]);

    /// <summary>Mostly none; otherwise small enough to matter, sometimes invalid (negative, above the quantity).</summary>
    private static readonly Gen<long> MinQuantityGen = Gen.Frequency((12, Gen.Const(0L)), (4, Gen.Long[1, 6]), (1, Gen.Long[-1, 14]));

    private static readonly Gen<TimeInForce> TifGen =
        Gen.Frequency((8, Gen.Const(TimeInForce.Gtc)), (2, Gen.Const(TimeInForce.Ioc)), (2, Gen.Const(TimeInForce.Fok)));

    private static readonly Gen<StpMode> StpGen = Gen.Frequency(
        (6, Gen.Const(StpMode.CancelResting)), (1, Gen.Const(StpMode.CancelIncoming)), (1, Gen.Const(StpMode.CancelBoth)), (2, Gen.Const(StpMode.Decrement)));

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

    private static Gen<Command> LimitGen(Gen<long> prices) => Gen.Select(Who, Gen.Enum<Side>(), prices, QuantityGen, TifGen, StpGen,
        Gen.Int[0, 9], MinQuantityGen,
        (who, side, price, quantity, tif, stp, postOnly, minQuantity) =>
            Command.Limit(who.Account, who.Market, who.Id, side, price, quantity, tif, stp, postOnly: postOnly == 0, minQuantity));

    private static readonly Gen<Command> MidpointGen = Gen.Select(Who, Gen.Enum<Side>(), QuantityGen, TifGen, StpGen,
        Gen.Frequency((3, Gen.Const(0L)), (3, Gen.Long[92, 110]), (1, Gen.Long[-1, 0])), MinQuantityGen,
        (who, side, quantity, tif, stp, limit, minQuantity) =>
            Command.Midpoint(who.Account, who.Market, who.Id, side, quantity, limit == 0 ? null : limit, tif, stp, minQuantity));

    /// <summary>
    /// Reference quotes around 100, sometimes locked or crossed, observed at random times (so some are
    /// stale or out of order). Market 1 has a tick of 5, so its mids often fall between ticks.
    /// </summary>
    private static readonly Gen<Command> ReferenceGen = Gen.Select(
        Gen.Frequency((8, Gen.Const(0)), (3, Gen.Const(AuctionMarket)), (2, Gen.Const(1)), (1, Gen.Const(3))),
        Gen.Long[88, 108], Gen.Frequency((10, Gen.Long[1, 9]), (1, Gen.Long[-2, 0])), Gen.Frequency((6, Gen.Long[0, 60]), (1, Gen.Long[100, 400])),
        (market, bid, spread, lag) => Command.ReferencePrice(market, bid, bid + spread, observedAt: lag));

    private static readonly Gen<Command> AuctionGen =
        Gen.Frequency((6, Gen.Const(AuctionMarket)), (1, Gen.Const(0)), (1, Gen.Const(3))).Select(m => Command.RunAuction(m));

    private static readonly Gen<Command> MarketGen = Gen.Select(Who, Gen.Enum<Side>(), QuantityGen,
        Gen.Frequency((2, Gen.Const(TimeInForce.Ioc)), (2, Gen.Const(TimeInForce.Fok)), (1, Gen.Const(TimeInForce.Gtc))),
        Gen.Frequency((3, Gen.Const(0L)), (2, Gen.Long[1, 2_000])), StpGen, MinQuantityGen,
        (who, side, quantity, tif, budget, stp, minQuantity) =>
            Command.MarketOrder(who.Account, who.Market, who.Id, side, quantity, tif, budget, stp, minQuantity));

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

    private static Gen<Command> Mix(Gen<long> prices) => Gen.Select(Gen.Frequency(
        (40, LimitGen(prices)),
        (8, MidpointGen),
        (5, ReferenceGen),
        (2, AuctionGen),
        (6, MarketGen),
        (14, AmendGen(prices)),
        (12, Who.Select(w => Command.CancelOrder(w.Account, w.Market, w.Id))),
        (1, Gen.Select(Gen.Int[1, Accounts], Gen.Int[-1, 1], (a, m) => Command.MassCancelOrders(a, m < 0 ? null : m))),
        (3, FundsGen),
        (1, Gen.Int[0, 2].Select(Command.BookQuery)),
        (1, Gen.Select(Gen.Int[0, Accounts], Gen.Int[0, 4], Command.BalanceQuery))),
        Gen.Frequency((8, Gen.Long[0, 3]), (1, Gen.Long[-40, 0]), (1, Gen.Long[20, 200])),
        (command, step) =>
        {
            // A time step, made absolute by Timed; for a reference, ObservedAt holds how long ago it was seen.
            command.Timestamp = step;
            return command;
        });

    /// <summary>A stream of commands of the given length (after <see cref="Prelude"/>), with times.</summary>
    public static Gen<Command[]> Stream(int length) => Any.Array[length].Select(Timed);

    /// <summary>
    /// A <see cref="SteadyState"/> stream with times, so that references are usable as often as in
    /// <see cref="Stream"/>: pegs reprice and trade on them. Warm up and measure on parts of one stream;
    /// two streams would each start their clock again, and the second one's references would be refused.
    /// </summary>
    public static Gen<Command[]> SteadyStateStream(int length) => SteadyState.Array[length].Select(Timed);

    /// <summary>
    /// Turns each command's time step into a time that mostly rises, sometimes jumps ahead (references go
    /// stale) and sometimes steps back (the engine judges staleness at each command's own time), and each
    /// reference's lag into the time it was observed (so some arrive out of order and are refused).
    /// </summary>
    public static Command[] Timed(Command[] commands)
    {
        long clock = 1_000;
        for (int i = 0; i < commands.Length; i++)
        {
            clock = Math.Max(0, clock + commands[i].Timestamp);
            commands[i].Timestamp = clock;
            if (commands[i].Type == CommandType.Reference)
            {
                commands[i].ObservedAt = clock - commands[i].ObservedAt;
            }
        }

        return commands;
    }
}
