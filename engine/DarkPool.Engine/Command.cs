namespace DarkPool.Engine;

/// <summary>
/// One input to the engine. A mutable struct so that it can live in a pre-allocated ring slot and be
/// filled in place; which fields are read depends on <see cref="Type"/> and <see cref="Flags"/>.
/// </summary>
/// <remarks>
/// Prices are quote units per lot (a positive multiple of the market's tick size), quantities are lots,
/// amounts are asset units. Ids are dense integers chosen by the caller (the replay tool interns names).
/// </remarks>
public struct Command
{
    /// <summary>What the command does.</summary>
    public CommandType Type;

    /// <summary>Optional parts that are present.</summary>
    public CommandFlags Flags;

    /// <summary>Order side.</summary>
    public Side Side;

    /// <summary>Order type.</summary>
    public OrderType OrderType;

    /// <summary>Time in force.</summary>
    public TimeInForce TimeInForce;

    /// <summary>Self-trade prevention mode of an incoming order.</summary>
    public StpMode Stp;

    /// <summary>Market mode (create market).</summary>
    public MarketMode Mode;

    /// <summary>Time the command was sequenced, from outside: the engine has no clock.</summary>
    public long Timestamp;

    /// <summary>Market id.</summary>
    public int Market;

    /// <summary>Account id.</summary>
    public int Account;

    /// <summary>Client order id, unique among the account's live orders.</summary>
    public long OrderId;

    /// <summary>Limit price (place), new price (amend).</summary>
    public long Price;

    /// <summary>Lots (place), new remaining lots (amend).</summary>
    public long Quantity;

    /// <summary>Market orders: quote units to spend at most (buy) or to receive at least (sell FOK), fees included.</summary>
    public long Budget;

    /// <summary>Minimum acceptable fill quantity (dark-pool order types).</summary>
    public long MinQuantity;

    /// <summary>Asset id (deposit, withdraw, balance query); base asset (create market).</summary>
    public int Asset;

    /// <summary>Quote asset (create market).</summary>
    public int QuoteAsset;

    /// <summary>Amount in asset units (deposit, withdraw).</summary>
    public long Amount;

    /// <summary>Tick size in quote units per lot (create market).</summary>
    public long TickSize;

    /// <summary>Base units per lot (create market).</summary>
    public long LotSize;

    /// <summary>Maker fee in basis points of notional, charged in quote (create market).</summary>
    public int MakerFeeBps;

    /// <summary>Taker fee in basis points of notional, charged in quote (create market).</summary>
    public int TakerFeeBps;

    /// <summary>Reference bid (reference).</summary>
    public long Bid;

    /// <summary>Reference ask (reference).</summary>
    public long Ask;

    /// <summary>Reference: when the price source observed the bid and ask (same clock as <see cref="Timestamp"/>).</summary>
    public long ObservedAt;

    /// <summary>Create market: the oldest a reference may be, in timestamp units, for midpoint orders to trade; 0 = no limit.</summary>
    public long MaxReferenceAge;

    /// <summary>True when the flag is set.</summary>
    public readonly bool Has(CommandFlags flag) => (Flags & flag) != 0;

    /// <summary>A limit order.</summary>
    public static Command Limit(int account, int market, long orderId, Side side, long price, long quantity,
        TimeInForce tif = TimeInForce.Gtc, StpMode stp = StpMode.CancelResting, bool postOnly = false, long minQuantity = 0) => new()
    {
        Type = CommandType.Place,
        Account = account,
        Market = market,
        OrderId = orderId,
        Side = side,
        OrderType = OrderType.Limit,
        Price = price,
        Quantity = quantity,
        TimeInForce = tif,
        Stp = stp,
        MinQuantity = minQuantity,
        Flags = (postOnly ? CommandFlags.PostOnly : CommandFlags.None) | (minQuantity != 0 ? CommandFlags.HasMinQuantity : 0),
    };

    /// <summary>A midpoint peg; <paramref name="limit"/> caps a buy's or floors a sell's execution price (null = none).</summary>
    public static Command Midpoint(int account, int market, long orderId, Side side, long quantity, long? limit = null,
        TimeInForce tif = TimeInForce.Gtc, StpMode stp = StpMode.CancelResting, long minQuantity = 0) => new()
    {
        Type = CommandType.Place,
        Account = account,
        Market = market,
        OrderId = orderId,
        Side = side,
        OrderType = OrderType.Midpoint,
        Price = limit ?? 0,
        Quantity = quantity,
        TimeInForce = tif,
        Stp = stp,
        MinQuantity = minQuantity,
        Flags = (limit.HasValue ? CommandFlags.HasPrice : 0) | (minQuantity != 0 ? CommandFlags.HasMinQuantity : 0),
    };

    /// <summary>Sets a market's reference bid and ask, observed at <paramref name="observedAt"/>, sequenced at <paramref name="timestamp"/>.</summary>
    public static Command ReferencePrice(int market, long bid, long ask, long observedAt = 0, long timestamp = 0) => new()
    {
        Type = CommandType.Reference,
        Market = market,
        Bid = bid,
        Ask = ask,
        ObservedAt = observedAt,
        Timestamp = timestamp,
    };

    /// <summary>Uncrosses an auction market.</summary>
    public static Command RunAuction(int market, long timestamp = 0) =>
        new() { Type = CommandType.Auction, Market = market, Timestamp = timestamp };

    /// <summary>A market order; <paramref name="budget"/> of zero means none.</summary>
    public static Command MarketOrder(int account, int market, long orderId, Side side, long quantity,
        TimeInForce tif = TimeInForce.Ioc, long budget = 0, StpMode stp = StpMode.CancelResting, long minQuantity = 0) => new()
    {
        Type = CommandType.Place,
        Account = account,
        Market = market,
        OrderId = orderId,
        Side = side,
        OrderType = OrderType.Market,
        Quantity = quantity,
        TimeInForce = tif,
        Stp = stp,
        Budget = budget,
        MinQuantity = minQuantity,
        Flags = (budget != 0 ? CommandFlags.HasBudget : CommandFlags.None) | (minQuantity != 0 ? CommandFlags.HasMinQuantity : 0),
    };

    /// <summary>Cancel one order.</summary>
    public static Command CancelOrder(int account, int market, long orderId) =>
        new() { Type = CommandType.Cancel, Account = account, Market = market, OrderId = orderId };

    /// <summary>Amend price and/or remaining quantity; a null leaves the field unchanged.</summary>
    public static Command AmendOrder(int account, int market, long orderId, long? price, long? quantity) => new()
    {
        Type = CommandType.Amend,
        Account = account,
        Market = market,
        OrderId = orderId,
        Price = price ?? 0,
        Quantity = quantity ?? 0,
        Flags = (price.HasValue ? CommandFlags.HasPrice : 0) | (quantity.HasValue ? CommandFlags.HasQuantity : 0),
    };

    /// <summary>Cancel an account's orders in one market, or in all when <paramref name="market"/> is null.</summary>
    public static Command MassCancelOrders(int account, int? market) => new()
    {
        Type = CommandType.MassCancel,
        Account = account,
        Market = market ?? 0,
        Flags = market.HasValue ? CommandFlags.HasMarket : CommandFlags.None,
    };

    /// <summary>Credit an account.</summary>
    public static Command DepositFunds(int account, int asset, long amount) =>
        new() { Type = CommandType.Deposit, Account = account, Asset = asset, Amount = amount };

    /// <summary>Debit an account's available balance.</summary>
    public static Command WithdrawFunds(int account, int asset, long amount) =>
        new() { Type = CommandType.Withdraw, Account = account, Asset = asset, Amount = amount };

    /// <summary>Create a market.</summary>
    public static Command NewMarket(int market, int baseAsset, int quoteAsset, long tickSize, long lotSize,
        int makerFeeBps = 0, int takerFeeBps = 0, MarketMode mode = MarketMode.Continuous, long maxReferenceAge = 0) => new()
    {
        Type = CommandType.CreateMarket,
        Market = market,
        Asset = baseAsset,
        QuoteAsset = quoteAsset,
        TickSize = tickSize,
        LotSize = lotSize,
        MakerFeeBps = makerFeeBps,
        TakerFeeBps = takerFeeBps,
        Mode = mode,
        MaxReferenceAge = maxReferenceAge,
    };

    /// <summary>Ask for a market's aggregated levels.</summary>
    public static Command BookQuery(int market) => new() { Type = CommandType.QueryBook, Market = market };

    /// <summary>Ask for one balance.</summary>
    public static Command BalanceQuery(int account, int asset) =>
        new() { Type = CommandType.QueryBalance, Account = account, Asset = asset };
}
