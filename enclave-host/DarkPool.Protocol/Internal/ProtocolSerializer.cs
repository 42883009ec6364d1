using MessagePack;

namespace DarkPool.Protocol.Internal;

/// <summary>The one MessagePack configuration of the protocol: attribute-based formatters, hardened for untrusted input.</summary>
internal static class ProtocolSerializer
{
    public static readonly MessagePackSerializerOptions Options =
        MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>Reads a body whose array must have exactly <c>T.FieldCount</c> elements.</summary>
    public static T ReadExact<T>(ref MessagePackReader reader, int fieldCount, out bool exact)
    {
        MessagePackReader peek = reader.CreatePeekReader();
        exact = peek.ReadArrayHeader() == fieldCount;
        return exact ? MessagePackSerializer.Deserialize<T>(ref reader, Options) : default!;
    }

    /// <summary>Whether an exception is what malformed MessagePack raises (and so a rejection, not a bug).</summary>
    public static bool IsMalformedInput(Exception e) =>
        e is MessagePackSerializationException or EndOfStreamException or OverflowException;
}
