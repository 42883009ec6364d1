using DarkPool.Engine;

namespace DarkPool.Replay;

/// <summary>The spellings of every enum in the JSON Lines format: a contract for external tools, see docs/REPLAY-SCHEMA.md.</summary>
internal static class WireNames
{
    public static readonly WireEnum<CommandType> Commands = new(
        ("market", CommandType.CreateMarket),
        ("deposit", CommandType.Deposit),
        ("withdraw", CommandType.Withdraw),
        ("place", CommandType.Place),
        ("cancel", CommandType.Cancel),
        ("amend", CommandType.Amend),
        ("massCancel", CommandType.MassCancel),
        ("reference", CommandType.Reference),
        ("auction", CommandType.Auction),
        ("book", CommandType.QueryBook),
        ("balance", CommandType.QueryBalance));

    public static readonly WireEnum<Side> Sides = new(("buy", Side.Buy), ("sell", Side.Sell));

    public static readonly WireEnum<OrderType> OrderTypes = new(
        ("limit", OrderType.Limit),
        ("market", OrderType.Market),
        ("midpoint", OrderType.Midpoint));

    public static readonly WireEnum<TimeInForce> TimesInForce = new(
        ("gtc", TimeInForce.Gtc),
        ("ioc", TimeInForce.Ioc),
        ("fok", TimeInForce.Fok));

    public static readonly WireEnum<StpMode> StpModes = new(
        ("cancel_resting", StpMode.CancelResting),
        ("cancel_incoming", StpMode.CancelIncoming),
        ("cancel_both", StpMode.CancelBoth),
        ("decrement", StpMode.Decrement));

    public static readonly WireEnum<MarketMode> MarketModes = new(
        ("continuous", MarketMode.Continuous),
        ("auction", MarketMode.Auction));

    public static readonly WireEnum<CancelReason> CancelReasons = new(
        ("none", CancelReason.None),
        ("user", CancelReason.User),
        ("unfilled", CancelReason.Unfilled),
        ("stp", CancelReason.Stp),
        ("mass", CancelReason.Mass));

    public static readonly WireEnum<RejectReason> RejectReasons = new(
        ("none", RejectReason.None),
        ("duplicate_id", RejectReason.DuplicateId),
        ("unknown_order", RejectReason.UnknownOrder),
        ("unknown_market", RejectReason.UnknownMarket),
        ("invalid_price", RejectReason.InvalidPrice),
        ("invalid_quantity", RejectReason.InvalidQuantity),
        ("insufficient_funds", RejectReason.InsufficientFunds),
        ("post_only_would_cross", RejectReason.PostOnlyWouldCross),
        ("invalid_time_in_force", RejectReason.InvalidTimeInForce),
        ("invalid_budget", RejectReason.InvalidBudget),
        ("unsupported", RejectReason.Unsupported),
        ("market_exists", RejectReason.MarketExists),
        ("invalid_market", RejectReason.InvalidMarket),
        ("unknown_account", RejectReason.UnknownAccount),
        ("unknown_asset", RejectReason.UnknownAsset),
        ("invalid_amount", RejectReason.InvalidAmount),
        ("overflow", RejectReason.Overflow),
        ("invalid_command", RejectReason.InvalidCommand),
        ("invalid_min_quantity", RejectReason.InvalidMinQuantity),
        ("no_reference", RejectReason.NoReference),
        ("stale_reference", RejectReason.StaleReference));
}
