using MessagePack;

namespace DarkPool.Protocol.Messages.Responses;

/// <summary>The last answer of a session the client closed. Wire: an array of 0 elements.</summary>
[MessagePackObject]
public readonly record struct SessionClosed : IResponseBody<SessionClosed>
{
    /// <inheritdoc/>
    public static ResponseKind Kind => ResponseKind.SessionClosed;

    /// <inheritdoc/>
    public static int FieldCount => 0;

    /// <inheritdoc/>
    public bool IsWellFormed() => true;

    /// <summary>The type name only: order fields and balances are never printed.</summary>
    public override string ToString() => nameof(SessionClosed);
}
