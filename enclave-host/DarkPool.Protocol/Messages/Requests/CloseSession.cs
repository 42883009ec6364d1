using MessagePack;

namespace DarkPool.Protocol.Messages.Requests;

/// <summary>
/// Ends the session after answering with <see cref="Responses.SessionClosed"/>; with cancel-on-disconnect set, the
/// session's orders are cancelled first. Wire: an empty array.
/// </summary>
[MessagePackObject]
public readonly record struct CloseSession : IRequestBody<CloseSession>
{
    /// <inheritdoc/>
    public static RequestKind Kind => RequestKind.CloseSession;

    /// <inheritdoc/>
    public static int FieldCount => 0;

    /// <inheritdoc/>
    public bool IsWellFormed() => true;

    /// <summary>The type name only.</summary>
    public override string ToString() => nameof(CloseSession);
}
