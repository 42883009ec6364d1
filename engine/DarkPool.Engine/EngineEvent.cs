namespace DarkPool.Engine;

/// <summary>
/// One output of the engine. Which fields are meaningful depends on <see cref="Type"/>; see docs/ENGINE.md.
/// For a trade, <see cref="Account"/>, <see cref="OrderId"/> and <see cref="Side"/> describe the taker.
/// </summary>
public struct EngineEvent
{
    /// <summary>What happened.</summary>
    public EventType Type;

    /// <summary>The command that caused it.</summary>
    public CommandType Command;

    /// <summary>Order side; for a trade, the taker's side.</summary>
    public Side Side;

    /// <summary>Why a command was rejected.</summary>
    public RejectReason RejectReason;

    /// <summary>Why an order was cancelled or reduced.</summary>
    public CancelReason CancelReason;

    /// <summary>Market id.</summary>
    public int Market;

    /// <summary>Account id (the taker for a trade).</summary>
    public int Account;

    /// <summary>Client order id (the taker's for a trade).</summary>
    public long OrderId;

    /// <summary>Trade price, or an order's price (amended).</summary>
    public long Price;

    /// <summary>Traded lots, released lots (cancelled, reduced), or the new remaining lots (amended).</summary>
    public long Quantity;

    /// <summary>Reduced: lots left after the reduction.</summary>
    public long Remaining;

    /// <summary>Trade: the maker's account.</summary>
    public int MakerAccount;

    /// <summary>Trade: the maker's client order id.</summary>
    public long MakerOrderId;

    /// <summary>Trade: fee paid by the maker, in quote units.</summary>
    public long MakerFee;

    /// <summary>Trade: fee paid by the taker, in quote units.</summary>
    public long TakerFee;

    /// <summary>Asset id (deposited, withdrawn, balance).</summary>
    public int Asset;

    /// <summary>Amount (deposited, withdrawn).</summary>
    public long Amount;

    /// <summary>Balance: available units.</summary>
    public long Available;

    /// <summary>Balance: units held by live orders.</summary>
    public long Held;

    /// <summary>Reference updated: the reference bid.</summary>
    public long Bid;

    /// <summary>Reference updated: the reference ask.</summary>
    public long Ask;
}
