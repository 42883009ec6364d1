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

    /// <summary>
    /// Reads a batch body strictly: an array of one element, the array of 1 to <paramref name="max"/> items, each an array
    /// of exactly <paramref name="itemFieldCount"/> elements; null when it is not one.
    /// </summary>
    public static T[]? ReadBatch<T>(ref MessagePackReader reader, int max, int itemFieldCount)
    {
        if (reader.ReadArrayHeader() != 1)
        {
            return null;
        }

        int count = reader.ReadArrayHeader();
        if (count < 1 || count > max)
        {
            return null;
        }

        var items = new T[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = ReadExact<T>(ref reader, itemFieldCount, out bool exact);
            if (!exact)
            {
                return null;
            }
        }

        return items;
    }

    /// <summary>Whether an exception is what malformed MessagePack raises (and so a rejection, not a bug).</summary>
    public static bool IsMalformedInput(Exception e) =>
        e is MessagePackSerializationException or EndOfStreamException or OverflowException;
}
