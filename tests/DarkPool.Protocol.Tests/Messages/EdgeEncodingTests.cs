using DarkPool.Protocol.Internal;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using MessagePack;

namespace DarkPool.Protocol.Tests.Messages;

/// <summary>
/// The hand-read bodies (<c>HotBodies</c>) against the attribute-based formatter on encodings a MessagePack writer never
/// produces: every field of a cancel-replace (alone, in a mass quote, and as a place order in a batch place) and of a
/// mass quote's result replaced in turn by each of 28 encodings (integers of every width, minimal or not, at their
/// edges; enum values over 127 and 255; nil, booleans, floats, strings, bin, empty array and map, ext, the unused 0xc1),
/// under item headers written as fixarray, array16 and array32. Both must accept exactly the same and read the same
/// values. The random tests (<see cref="RequestDecodeEquivalenceTests"/>, <see cref="HotBodiesTests"/>) write through a
/// MessagePack writer, which always picks the shortest form, so they cannot reach these.
/// </summary>
public sealed class EdgeEncodingTests
{
    /// <summary>A well-formed cancel-replace's 12 fields, shortest form: cancel 5, market 7, id 9, buy, limit, GTC, price 100, quantity 1, no budget, no minimum, not post-only, STP none.</summary>
    private static readonly byte[][] CancelReplaceFields =
    [
        [0x05], [0x07], [0x09], [0x00], [0x00], [0x00], [0x64], [0x01], [0xc0], [0xc0], [0xc2], [0x00],
    ];

    /// <summary>A well-formed result's 4 fields: no cancel reject, 5 cancelled, accepted, no place reject.</summary>
    private static readonly byte[][] ResultFields = [[0x00], [0x05], [0x00], [0x00]];

    private static readonly byte[][] Alternatives =
    [
        [0xcc, 0x01], [0xcd, 0x00, 0x01], [0xce, 0, 0, 0, 1], [0xcf, 0, 0, 0, 0, 0, 0, 0, 1],
        [0xd0, 0x01], [0xd1, 0, 1], [0xd2, 0, 0, 0, 1], [0xd3, 0, 0, 0, 0, 0, 0, 0, 1],
        [0xcc, 0x80], [0xcc, 0xff], [0xcd, 0x01, 0x00], [0xd0, 0xff], [0xff],
        [0xce, 0x80, 0, 0, 0], [0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        [0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0], [0xd3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        [0xc0], [0xc3], [0xc2], [0xca, 0x3f, 0x80, 0, 0], [0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0],
        [0xa1, 0x78], [0xc4, 0x01, 0x00], [0x90], [0x80], [0xd4, 0x01, 0x00], [0xc1],
    ];

    private enum Shape
    {
        CancelReplace,
        MassQuote,
        BatchPlace,
    }

    [Fact]
    public void RequestBodies_EveryFieldInEveryEncoding_ReadAsTheFormatterReadsThem()
    {
        int accepted = 0;
        int compared = 0;
        foreach (Shape shape in Enum.GetValues<Shape>())
        {
            byte[][] fields = shape == Shape.BatchPlace ? CancelReplaceFields[1..] : CancelReplaceFields;
            foreach (byte[] header in ItemHeaders(fields.Length))
            {
                for (int f = 0; f < fields.Length; f++)
                {
                    foreach (byte[] alternative in Alternatives)
                    {
                        byte[] item = Item(header, fields, f, alternative);
                        byte[] message = shape switch
                        {
                            Shape.CancelReplace => Frame((byte)RequestKind.CancelReplace, item),
                            Shape.MassQuote => Frame((byte)RequestKind.BatchCancelReplace, [0x91, 0x91, .. item]),
                            _ => Frame((byte)RequestKind.BatchPlace, [0x91, 0x91, .. item]),
                        };
                        bool expected = TryReadRequestWithFormatter(message, shape, out object? reference);
                        bool actual = RequestCodec.TryRead(message, out DecodedRequest request);
                        Assert.True(expected == actual, $"{shape}, field {f}, {Convert.ToHexString(alternative)}: formatter {expected}, codec {actual}");
                        if (expected)
                        {
                            object value = shape switch
                            {
                                Shape.CancelReplace => request.CancelReplace,
                                Shape.MassQuote => request.BatchCancelReplace.Quotes![0],
                                _ => request.BatchPlace.Orders![0],
                            };
                            Assert.Equal(reference, value);
                            accepted++;
                        }

                        compared++;
                    }
                }
            }
        }

        // Both outcomes are compared many times: a wider integer of a fitting value is accepted, a wrong type is not.
        Assert.InRange(accepted, compared / 10, compared - (compared / 10));
    }

    [Fact]
    public void MassQuoteResult_EveryFieldInEveryEncoding_ReadAsTheFormatterReadsIt()
    {
        int accepted = 0;
        int compared = 0;
        foreach (byte[] header in ItemHeaders(ResultFields.Length))
        {
            for (int f = 0; f < ResultFields.Length; f++)
            {
                foreach (byte[] alternative in Alternatives)
                {
                    byte[] message = Frame((byte)ResponseKind.BatchCancelReplaced, [0x91, 0x91, .. Item(header, ResultFields, f, alternative)]);
                    bool expected = HotBodiesTests.TryReadAnswerWithFormatter(message, out BatchCancelReplaced reference);
                    bool actual = ResponseCodec.TryRead(message, out DecodedResponse response);
                    Assert.True(expected == actual, $"field {f}, {Convert.ToHexString(alternative)}: formatter {expected}, codec {actual}");
                    if (expected)
                    {
                        Assert.Equal(reference.Results![0], response.BatchCancelReplaced.Results![0]);
                        accepted++;
                    }

                    compared++;
                }
            }
        }

        Assert.InRange(accepted, compared / 10, compared - (compared / 10));
    }

    /// <summary>An item's array header for <paramref name="count"/> elements as fixarray, array16 and array32.</summary>
    private static byte[][] ItemHeaders(int count) => [[(byte)(0x90 | count)], [0xdc, 0x00, (byte)count], [0xdd, 0, 0, 0, (byte)count]];

    private static byte[] Item(byte[] header, byte[][] fields, int replaced, byte[] alternative)
    {
        var item = new List<byte>(header);
        for (int f = 0; f < fields.Length; f++)
        {
            item.AddRange(f == replaced ? alternative : fields[f]);
        }

        return [.. item];
    }

    /// <summary>The frame [kind, request id 1, time or expiry 0, body].</summary>
    private static byte[] Frame(byte kind, byte[] body) => [0x94, kind, 0x01, 0x00, .. body];

    private static bool TryReadRequestWithFormatter(byte[] message, Shape shape, out object? value)
    {
        value = null;
        var reader = new MessagePackReader(message);
        try
        {
            SkipFrame(ref reader);
            bool ok;
            switch (shape)
            {
                case Shape.CancelReplace:
                    CancelReplace single = ProtocolSerializer.ReadExact<CancelReplace>(ref reader, CancelReplace.FieldCount, out ok);
                    ok = ok && single.IsWellFormed();
                    value = single;
                    break;
                case Shape.MassQuote:
                    var quotes = new BatchCancelReplace { Quotes = ProtocolSerializer.ReadBatch<CancelReplace>(ref reader, BatchCancelReplace.MaxQuotes, CancelReplace.FieldCount) };
                    ok = quotes.Quotes is not null && quotes.IsWellFormed();
                    value = ok ? quotes.Quotes![0] : null;
                    break;
                default:
                    var orders = new BatchPlace { Orders = ProtocolSerializer.ReadBatch<PlaceOrder>(ref reader, BatchPlace.MaxOrders, PlaceOrder.FieldCount) };
                    ok = orders.Orders is not null && orders.IsWellFormed();
                    value = ok ? orders.Orders![0] : null;
                    break;
            }

            return ok && reader.End;
        }
        catch (Exception e) when (ProtocolSerializer.IsMalformedInput(e))
        {
            return false;
        }
    }

    private static void SkipFrame(ref MessagePackReader reader)
    {
        _ = reader.ReadArrayHeader();
        _ = reader.ReadByte();
        _ = reader.ReadUInt64();
        _ = reader.ReadInt64();
    }
}
