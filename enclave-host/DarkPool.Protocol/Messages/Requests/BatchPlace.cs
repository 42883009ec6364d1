using DarkPool.Protocol.Internal;
using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>
/// Several orders in one request, executed in order in one enclave step; answered first by
/// <see cref="Responses.BatchPlaced"/> with one result per order. The only request that travels in a bulk envelope
/// (1,080 bytes): at most <see cref="MaxOrders"/> orders, which fit it at their widest encoding. Wire: an array of 1
/// element, the array of orders, each a <see cref="PlaceOrder"/> of exactly 11 elements.
/// </summary>
[MessagePackObject]
public readonly record struct BatchPlace : IRequestBody<BatchPlace>
{
    /// <summary>The most orders in one batch: 16 worst-case orders (56 bytes each) and the frame fit 1,022 bytes.</summary>
    public const int MaxOrders = 16;

    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.BatchPlace;

    /// <inheritdoc/>
    public static int FieldCount => 1;

    /// <summary>1 to <see cref="MaxOrders"/> orders, executed in this order.</summary>
    [Key(0)]
    public PlaceOrder[]? Orders { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => Orders is { Length: >= 1 and <= MaxOrders } orders && Array.TrueForAll(orders, o => o.IsWellFormed());

    /// <summary>Reads a body strictly: each order must be an array of exactly 11 elements.</summary>
    internal static BatchPlace Read(ref MessagePackReader reader, ArraysByLength<PlaceOrder>? reuse, out bool ok)
    {
        PlaceOrder[]? items = ProtocolSerializer.ReadBatch<PlaceOrder, HotBodies.PlaceOrders>(ref reader, MaxOrders, default, reuse);
        var body = new BatchPlace { Orders = items };
        ok = items is not null && body.IsWellFormed();
        return ok ? body : default;
    }

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(BatchPlace);
}
