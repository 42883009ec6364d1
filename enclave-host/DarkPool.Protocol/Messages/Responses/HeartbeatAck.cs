using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>Answer to a heartbeat. Wire: an array of 1 elements.</summary>
[MessagePackObject]
public readonly record struct HeartbeatAck : IResponseBody<HeartbeatAck>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.HeartbeatAck;

    /// <inheritdoc/>
    public static int FieldCount => 1;

    /// <summary>The heartbeat's value, echoed.</summary>
    [Key(0)]
    public long ClientTime { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => true;

    /// <summary>The type name only: order fields and balances are never printed.</summary>
    public override string ToString() => nameof(HeartbeatAck);
}
