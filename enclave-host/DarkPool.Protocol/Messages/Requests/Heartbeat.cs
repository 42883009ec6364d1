using DarkPool.Protocol.Internal;
using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>
/// Keeps the session's dead-man's switch from firing, and arms or disarms it; answered by
/// <see cref="Responses.HeartbeatAck"/>. Wire: an array of 2 elements (a 1-element array, from clients that predate the
/// switch, reads as <see cref="CancelAfterSeconds"/> nil).
/// </summary>
[MessagePackObject]
public readonly record struct Heartbeat : IRequestBody<Heartbeat>
{
    /// <summary>The longest dead-man's switch timeout, in seconds.</summary>
    public const int MaxCancelAfterSeconds = 3600;

    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.Heartbeat;

    /// <inheritdoc/>
    public static int FieldCount => 2;

    /// <summary>Any value the client likes (its clock, for a round-trip time); echoed back.</summary>
    [Key(0)]
    public long ClientTime { get; init; }

    /// <summary>
    /// The dead-man's switch: 1 to <see cref="MaxCancelAfterSeconds"/> arms it (if no heartbeat follows within that many
    /// seconds of enclave time, the account's orders are cancelled); 0 disarms it; nil keeps its setting and, when armed,
    /// restarts its countdown.
    /// </summary>
    [Key(1)]
    public int? CancelAfterSeconds { get; init; }

    /// <inheritdoc/>
    public bool IsWellFormed() => CancelAfterSeconds is null or (>= 0 and <= MaxCancelAfterSeconds);

    /// <summary>Reads a body of 2 elements, or of 1 (the switch's setting kept).</summary>
    internal static Heartbeat Read(ref MessagePackReader reader, out bool ok)
    {
        MessagePackReader peek = reader.CreatePeekReader();
        int count = peek.ReadArrayHeader();
        Heartbeat body = ProtocolSerializer.ReadExact<Heartbeat>(ref reader, count is 1 or 2 ? count : FieldCount, out bool exact);
        ok = exact && body.IsWellFormed();
        return body;
    }

    /// <summary>The type name only.</summary>
    public override string ToString() => nameof(Heartbeat);
}
