namespace DarkPool.Protocol.Messages;

/// <summary>
/// A request body: a MessagePack array of <see cref="FieldCount"/> elements that follows its <see cref="Kind"/> in a
/// request message. Static members let the codec encode and decode each body without boxing.
/// </summary>
/// <typeparam name="TSelf">The body type itself.</typeparam>
public interface IRequestBody<TSelf>
    where TSelf : struct, IRequestBody<TSelf>
{
    /// <summary>The kind that names this body on the wire.</summary>
    static abstract RequestKind Kind { get; }

    /// <summary>The exact number of array elements on the wire.</summary>
    static abstract int FieldCount { get; }

    /// <summary>Whether every enum is a defined value and every required field is present; business rules are the engine's.</summary>
    bool IsWellFormed();
}
