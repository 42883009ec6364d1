namespace DarkPool.Engine;

/// <summary>Why a command was refused. A rejected command changes no state.</summary>
public enum RejectReason : byte
{
    /// <summary>Not a rejection.</summary>
    None = 0,

    /// <summary>The client order id is already used by one of the account's live orders.</summary>
    DuplicateId,

    /// <summary>No live order of this account has this id in this market (this includes other accounts' orders).</summary>
    UnknownOrder,

    /// <summary>No market has this id.</summary>
    UnknownMarket,

    /// <summary>The price is not a positive multiple of the tick size, or is given where none is allowed.</summary>
    InvalidPrice,

    /// <summary>The quantity is not positive or its notional does not fit the integer range.</summary>
    InvalidQuantity,

    /// <summary>The account's available balance cannot cover the hold.</summary>
    InsufficientFunds,

    /// <summary>A post-only order would have taken liquidity.</summary>
    PostOnlyWouldCross,

    /// <summary>The time in force does not fit the order type (a market order cannot rest).</summary>
    InvalidTimeInForce,

    /// <summary>A budget was given where none is allowed, or is not positive.</summary>
    InvalidBudget,

    /// <summary>The order type or option is not supported by this engine version or market.</summary>
    Unsupported,

    /// <summary>A market with this id already exists.</summary>
    MarketExists,

    /// <summary>A market definition is invalid (tick, lot, fees, assets).</summary>
    InvalidMarket,

    /// <summary>The account id is outside the configured range.</summary>
    UnknownAccount,

    /// <summary>The asset id is outside the configured range.</summary>
    UnknownAsset,

    /// <summary>A deposit or withdrawal amount is not positive.</summary>
    InvalidAmount,

    /// <summary>The command would overflow a balance or the total supply of an asset.</summary>
    Overflow,

    /// <summary>The command type is unknown.</summary>
    InvalidCommand,

    /// <summary>The minimum quantity is not positive or exceeds the order quantity.</summary>
    InvalidMinQuantity,

    /// <summary>An uncapped midpoint buy needs a reference price to compute its hold, and the market has none yet.</summary>
    NoReference,

    /// <summary>A reference price observed before the market's current one, or after the command's own time.</summary>
    StaleReference,
}
