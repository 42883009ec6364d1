using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Protocol.Tests.Support;

/// <summary>One sample of every request and response body, and the worst case (widest encoding) of each.</summary>
internal static class Samples
{
    public static PlaceOrder Limit => new()
    {
        Market = 7, ClientOrderId = 1001, Side = OrderSide.Buy, Type = OrderKind.Limit, TimeInForce = OrderTimeInForce.Gtc,
        Price = 250_000, Quantity = 12, PostOnly = true, Stp = SelfTradePrevention.CancelResting,
    };

    public static PlaceOrder Market => new()
    {
        Market = 7, ClientOrderId = 1002, Side = OrderSide.Sell, Type = OrderKind.Market, TimeInForce = OrderTimeInForce.Fok,
        Quantity = 3, Budget = 900_000, MinQuantity = 2, Stp = SelfTradePrevention.Decrement,
    };

    public static PlaceOrder Midpoint => new()
    {
        Market = 9, ClientOrderId = 1003, Side = OrderSide.Buy, Type = OrderKind.Midpoint, TimeInForce = OrderTimeInForce.Ioc,
        Price = 251_000, Quantity = 40, MinQuantity = 10, Stp = SelfTradePrevention.CancelBoth,
    };

    /// <summary>Every field at its widest MessagePack encoding.</summary>
    public static PlaceOrder WorstPlace => new()
    {
        Market = int.MinValue, ClientOrderId = long.MinValue, Side = OrderSide.Sell, Type = OrderKind.Midpoint,
        TimeInForce = OrderTimeInForce.Fok, Price = long.MinValue, Quantity = long.MinValue, Budget = long.MinValue,
        MinQuantity = long.MinValue, PostOnly = true, Stp = SelfTradePrevention.Decrement,
    };

    public static OpenOrderEntry WorstOrderEntry => new()
    {
        Market = int.MinValue, ClientOrderId = long.MinValue, Side = OrderSide.Sell, Type = OrderKind.Midpoint,
        Price = long.MinValue, Remaining = long.MinValue,
    };

    public static BalanceEntry WorstBalanceEntry => new() { Asset = int.MinValue, Available = long.MinValue, Held = long.MinValue };
}
