namespace DarkPool.Protocol.Messages;

/// <summary>
/// Why the enclave refused a request it accepted for processing (the answer is sealed and the request id is
/// remembered). Values 1 to 20 are the engine's reject reasons with the same numbers; 11 and 12 are operator-only and
/// never reach a trader. Envelope-level refusals (replay, expiry, …) are <see cref="Envelopes.EnvelopeReject"/>.
/// </summary>
public enum RejectCode : byte
{
    /// <summary>Not a rejection.</summary>
    None = 0,

    /// <summary>The client order id is used by one of the account's live orders.</summary>
    DuplicateOrderId = 1,

    /// <summary>No live order of this account has this id in this market.</summary>
    UnknownOrder = 2,

    /// <summary>No market has this id.</summary>
    UnknownMarket = 3,

    /// <summary>The price is not a positive multiple of the tick size, or is given where none is allowed.</summary>
    InvalidPrice = 4,

    /// <summary>The quantity is not positive or too large.</summary>
    InvalidQuantity = 5,

    /// <summary>The available balance cannot cover the hold.</summary>
    InsufficientFunds = 6,

    /// <summary>A post-only order would have taken liquidity.</summary>
    PostOnlyWouldCross = 7,

    /// <summary>The time in force does not fit the order type.</summary>
    InvalidTimeInForce = 8,

    /// <summary>A budget was given where none is allowed, or is not positive.</summary>
    InvalidBudget = 9,

    /// <summary>The order type or option is not supported by this market.</summary>
    Unsupported = 10,

    /// <summary>The account is not known to the engine.</summary>
    UnknownAccount = 13,

    /// <summary>The asset is not known.</summary>
    UnknownAsset = 14,

    /// <summary>A withdrawal amount is not positive.</summary>
    InvalidAmount = 15,

    /// <summary>The request would overflow a balance.</summary>
    Overflow = 16,

    /// <summary>The request is not valid for the engine.</summary>
    InvalidCommand = 17,

    /// <summary>The minimum quantity is not positive or exceeds the order quantity.</summary>
    InvalidMinQuantity = 18,

    /// <summary>An uncapped midpoint buy needs a reference price and the market has none yet.</summary>
    NoReference = 19,

    /// <summary>The market's reference price is too old for midpoint orders to trade.</summary>
    StaleReference = 20,
}
