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
    /// of exactly <paramref name="itemFieldCount"/> elements read by the attribute-based formatter; null when it is not one.
    /// </summary>
    public static T[]? ReadBatch<T>(ref MessagePackReader reader, int max, int itemFieldCount) =>
        ReadBatch<T, FormatterItems<T>>(ref reader, max, new FormatterItems<T>(itemFieldCount));

    /// <summary>
    /// As <see cref="ReadBatch{T}(ref MessagePackReader, int, int)"/>, each item read by <paramref name="items"/> (a
    /// struct, so the call is direct). With <paramref name="reuse"/> (see <see cref="BatchArrays"/>) the items go into its
    /// array of their count; without it, into a new array.
    /// </summary>
    public static T[]? ReadBatch<T, TReader>(ref MessagePackReader reader, int max, TReader items, ArraysByLength<T>? reuse = null)
        where TReader : struct, IItemReader<T>
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

        T[] batch = reuse?.Get(count) ?? new T[count];
        for (int i = 0; i < count; i++)
        {
            batch[i] = items.Read(ref reader, out bool exact);
            if (!exact)
            {
                return null;
            }
        }

        return batch;
    }

    /// <summary>Whether an exception is what malformed MessagePack raises (and so a rejection, not a bug).</summary>
    public static bool IsMalformedInput(Exception e) =>
        e is MessagePackSerializationException or EndOfStreamException or OverflowException;

    /// <summary>Batch items read by the attribute-based formatter, each of exactly its field count.</summary>
    private readonly struct FormatterItems<T>(int fieldCount) : IItemReader<T>
    {
        public T Read(ref MessagePackReader reader, out bool exact) => ReadExact<T>(ref reader, fieldCount, out exact);
    }
}

/// <summary>Reads one batch item of exactly its field count (<see cref="ProtocolSerializer.ReadBatch{T, TReader}"/>).</summary>
internal interface IItemReader<T>
{
    /// <summary>The item; <paramref name="exact"/> false when its field count differs.</summary>
    T Read(ref MessagePackReader reader, out bool exact);
}
