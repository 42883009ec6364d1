using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>Keeps the session's dead-man's switch from firing; answered by <see cref="Responses.HeartbeatAck"/>. Wire: an array of 1 element.</summary>
[MessagePackObject]
public readonly record struct Heartbeat : IRequestBody<Heartbeat>
{
    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.Heartbeat;

    /// <inheritdoc/>
    public static int FieldCount => 1;

    /// <summary>Any value the client likes (its clock, for a round-trip time); echoed back.</summary>
    [Key(0)]
    public long ClientTime { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => true;

    /// <summary>The type name only.</summary>
    public override string ToString() => nameof(Heartbeat);
}
