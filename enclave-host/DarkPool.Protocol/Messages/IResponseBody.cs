namespace DarkPool.Protocol.Messages;

/// <summary>
/// A response or event body: a MessagePack array of <see cref="FieldCount"/> elements that follows its
/// <see cref="Kind"/> in a response message.
/// </summary>
/// <typeparam name="TSelf">The body type itself.</typeparam>
public interface IResponseBody<TSelf>
    where TSelf : struct, IResponseBody<TSelf>
{
    /// <summary>The kind that names this body on the wire.</summary>
    static abstract ResponseKind Kind { get; }

    /// <summary>The exact number of array elements on the wire.</summary>
    static abstract int FieldCount { get; }

    /// <summary>Whether every enum is a defined value and every list is present and within its page size.</summary>
    bool IsWellFormed();
}
