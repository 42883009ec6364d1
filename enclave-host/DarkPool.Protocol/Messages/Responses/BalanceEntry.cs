using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>One asset's balance in a <see cref="BalancePage"/>. Wire: an array of 3 elements.</summary>
[MessagePackObject]
public readonly record struct BalanceEntry
{
    /// <summary>Asset id.</summary>
    [Key(0)]
    public int Asset { get; init; }

    /// <summary>Units available.</summary>
    [Key(1)]
    public long Available { get; init; }

    /// <summary>Units held by live orders.</summary>
    [Key(2)]
    public long Held { get; init; }

    /// <summary>The type name only: balances are never printed.</summary>
    public override string ToString() => nameof(BalanceEntry);
}
