namespace DarkPool.Engine;

/// <summary>The kind of a <see cref="Command"/>.</summary>
public enum CommandType : byte
{
    /// <summary>No command; the zero value, rejected.</summary>
    None = 0,

    /// <summary>Creates a market.</summary>
    CreateMarket,

    /// <summary>Credits an account.</summary>
    Deposit,

    /// <summary>Debits an account's available balance.</summary>
    Withdraw,

    /// <summary>Places an order.</summary>
    Place,

    /// <summary>Cancels one order.</summary>
    Cancel,

    /// <summary>Changes an order's price and/or remaining quantity.</summary>
    Amend,

    /// <summary>Cancels all of an account's orders in one market or in all markets.</summary>
    MassCancel,

    /// <summary>Sets a market's reference bid and ask, observed at <see cref="Command.ObservedAt"/>; pegged orders reprice and may trade.</summary>
    Reference,

    /// <summary>Uncrosses an auction market at one clearing price.</summary>
    Auction,

    /// <summary>Diagnostic: reports a market's aggregated levels.</summary>
    QueryBook,

    /// <summary>Diagnostic: reports one account's balance in one asset.</summary>
    QueryBalance,
}
