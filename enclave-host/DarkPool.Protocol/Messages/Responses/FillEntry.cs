using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>One past fill in a <see cref="FillsPage"/>: an <see cref="OrderFilled"/> and its time. Wire: an array of 8 elements.</summary>
[MessagePackObject]
public readonly record struct FillEntry
{
    /// <summary>Market id.</summary>
    [Key(0)]
    public int Market { get; init; }

    /// <summary>The order's client order id.</summary>
    [Key(1)]
    public long ClientOrderId { get; init; }

    /// <summary>The order's side.</summary>
    [Key(2)]
    public OrderSide Side { get; init; }

    /// <summary>Whether the order was resting, incoming, or in an auction.</summary>
    [Key(3)]
    public Liquidity Liquidity { get; init; }

    /// <summary>Trade price, quote units per lot.</summary>
    [Key(4)]
    public long Price { get; init; }

    /// <summary>Lots traded.</summary>
    [Key(5)]
    public long Quantity { get; init; }

    /// <summary>Fee paid on this fill, in quote units.</summary>
    [Key(6)]
    public long Fee { get; init; }

    /// <summary>The enclave's time of the fill, Unix milliseconds.</summary>
    [Key(7)]
    public long TimeUnixMs { get; init; }

    /// <summary>Whether the enums are defined values.</summary>
    public bool IsWellFormed() => Side <= OrderSide.Sell && Liquidity <= Liquidity.Auction;

    /// <summary>The type name only: order fields are never printed.</summary>
    public override string ToString() => nameof(FillEntry);
}
