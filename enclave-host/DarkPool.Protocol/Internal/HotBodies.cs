using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using MessagePack;

namespace DarkPool.Protocol.Internal;

// Design: the market makers' mass quote is the busiest message of all (up to 15 cancel-replaces a request, hundreds of
// thousands a second), and the attribute-based formatter reads and writes every enum and nullable field through the
// resolver's generic virtual GetFormatter<T>: ten such dispatches per quote. Profiled at 288,968 quote updates/s, the
// request decode was 11% of the server's CPU and 36% of the sequencer thread's, a third of it that dispatch. These
// read and write the same fields in the same order with the same reader and writer call per field that the formatter
// makes (enums as their underlying byte, nullable integers as nil or a value), so the bytes accepted and written are
// the formatter's: RequestDecodeEquivalenceTests and HotBodiesTests compare them on random and damaged input,
// EdgeEncodingTests on every field in 28 encodings no writer produces (wide integers, enum values over 255, wrong types).

/// <summary>The hot bodies read and written field by field instead of through the attribute-based formatter.</summary>
internal static class HotBodies
{
    /// <summary>Place orders of exactly <see cref="PlaceOrder.FieldCount"/> elements (not checked for well-formedness).</summary>
    public readonly struct PlaceOrders : IItemReader<PlaceOrder>
    {
        public PlaceOrder Read(ref MessagePackReader reader, out bool exact)
        {
            exact = reader.ReadArrayHeader() == PlaceOrder.FieldCount;
            return exact ? ReadPlaceOrderFields(ref reader) : default;
        }
    }

    /// <summary>Cancel-replaces of exactly <see cref="CancelReplace.FieldCount"/> elements (not checked for well-formedness).</summary>
    public readonly struct CancelReplaces : IItemReader<CancelReplace>
    {
        public CancelReplace Read(ref MessagePackReader reader, out bool exact)
        {
            exact = reader.ReadArrayHeader() == CancelReplace.FieldCount;
            if (!exact)
            {
                return default;
            }

            long cancel = reader.ReadInt64();
            return CancelReplace.Of(cancel, ReadPlaceOrderFields(ref reader));
        }
    }

    /// <summary>A mass quote's results, of exactly <see cref="BatchCancelReplaceResult.FieldCount"/> elements.</summary>
    public readonly struct CancelReplaceResults : IItemReader<BatchCancelReplaceResult>
    {
        public BatchCancelReplaceResult Read(ref MessagePackReader reader, out bool exact)
        {
            exact = reader.ReadArrayHeader() == BatchCancelReplaceResult.FieldCount;
            return exact
                ? new BatchCancelReplaceResult
                {
                    CancelReject = (RejectCode)reader.ReadByte(),
                    CancelledQuantity = reader.ReadInt64(),
                    PlaceStatus = (PlaceStatus)reader.ReadByte(),
                    PlaceReject = (RejectCode)reader.ReadByte(),
                }
                : default;
        }
    }

    /// <summary>Writes a <see cref="BatchCancelReplace"/> body (whose quotes are not null) as the formatter does.</summary>
    public static void Write(ref MessagePackWriter writer, in BatchCancelReplace body)
    {
        CancelReplace[] quotes = body.Quotes!;
        writer.WriteArrayHeader(BatchCancelReplace.FieldCount);
        writer.WriteArrayHeader(quotes.Length);
        foreach (ref readonly CancelReplace quote in quotes.AsSpan())
        {
            writer.WriteArrayHeader(CancelReplace.FieldCount);
            writer.Write(quote.CancelClientOrderId);
            writer.Write(quote.Market);
            writer.Write(quote.ClientOrderId);
            writer.Write((byte)quote.Side);
            writer.Write((byte)quote.Type);
            writer.Write((byte)quote.TimeInForce);
            WriteNullable(ref writer, quote.Price);
            writer.Write(quote.Quantity);
            WriteNullable(ref writer, quote.Budget);
            WriteNullable(ref writer, quote.MinQuantity);
            writer.Write(quote.PostOnly);
            writer.Write((byte)quote.Stp);
        }
    }

    /// <summary>Writes a <see cref="BatchCancelReplaced"/> body (whose results are not null) as the formatter does.</summary>
    public static void Write(ref MessagePackWriter writer, in BatchCancelReplaced body)
    {
        BatchCancelReplaceResult[] results = body.Results!;
        writer.WriteArrayHeader(BatchCancelReplaced.FieldCount);
        writer.WriteArrayHeader(results.Length);
        foreach (ref readonly BatchCancelReplaceResult result in results.AsSpan())
        {
            writer.WriteArrayHeader(BatchCancelReplaceResult.FieldCount);
            writer.Write((byte)result.CancelReject);
            writer.Write(result.CancelledQuantity);
            writer.Write((byte)result.PlaceStatus);
            writer.Write((byte)result.PlaceReject);
        }
    }

    private static PlaceOrder ReadPlaceOrderFields(ref MessagePackReader reader) => new()
    {
        Market = reader.ReadInt32(),
        ClientOrderId = reader.ReadInt64(),
        Side = (OrderSide)reader.ReadByte(),
        Type = (OrderKind)reader.ReadByte(),
        TimeInForce = (OrderTimeInForce)reader.ReadByte(),
        Price = ReadNullableInt64(ref reader),
        Quantity = reader.ReadInt64(),
        Budget = ReadNullableInt64(ref reader),
        MinQuantity = ReadNullableInt64(ref reader),
        PostOnly = reader.ReadBoolean(),
        Stp = (SelfTradePrevention)reader.ReadByte(),
    };

    private static long? ReadNullableInt64(ref MessagePackReader reader) => reader.TryReadNil() ? null : reader.ReadInt64();

    private static void WriteNullable(ref MessagePackWriter writer, long? value)
    {
        if (value is long v)
        {
            writer.Write(v);
        }
        else
        {
            writer.WriteNil();
        }
    }
}
