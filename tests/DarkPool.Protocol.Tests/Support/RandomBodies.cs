using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;

namespace DarkPool.Protocol.Tests.Support;

/// <summary>Random well-formed order bodies with integers of every MessagePack width, for the codec equivalence tests.</summary>
internal static class RandomBodies
{
    private static readonly long[] Edges = [int.MinValue, int.MaxValue, long.MinValue, long.MaxValue, -33, 128, 256, 65_536];

    /// <summary>Integers of every MessagePack width, the edges of int and long, and the worst case's client order id.</summary>
    public static long AnyInt64(Random random) => random.Next(7) switch
    {
        0 => random.Next(-32, 128),
        1 => random.Next(byte.MinValue, byte.MaxValue + 1),
        2 => random.Next(short.MinValue, ushort.MaxValue + 1),
        3 => random.Next(int.MinValue, int.MaxValue),
        4 => random.NextInt64(long.MinValue, long.MaxValue),
        5 => Edges[random.Next(Edges.Length)],
        _ => Samples.WorstPlace.ClientOrderId,
    };

    /// <summary>A well-formed place order (defined enums), every integer field of any width, the market at its edges too.</summary>
    public static PlaceOrder AnyPlace(Random random) => new()
    {
        Market = random.Next(4) == 0 ? (random.Next(2) == 0 ? int.MinValue : int.MaxValue) : random.Next(int.MinValue, int.MaxValue),
        ClientOrderId = AnyInt64(random),
        Side = (OrderSide)random.Next(2),
        Type = (OrderKind)random.Next(3),
        TimeInForce = (OrderTimeInForce)random.Next(3),
        Price = random.Next(3) == 0 ? null : AnyInt64(random),
        Quantity = AnyInt64(random),
        Budget = random.Next(2) == 0 ? null : AnyInt64(random),
        MinQuantity = random.Next(2) == 0 ? null : AnyInt64(random),
        PostOnly = random.Next(2) == 0,
        Stp = (SelfTradePrevention)random.Next(4),
    };

    /// <summary>A well-formed cancel-replace: any old client order id, any new order.</summary>
    public static CancelReplace AnyQuote(Random random) => CancelReplace.Of(AnyInt64(random), AnyPlace(random));
}
