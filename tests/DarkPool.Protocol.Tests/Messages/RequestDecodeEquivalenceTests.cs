using System.Buffers;
using DarkPool.Protocol.Internal;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using MessagePack;
using static DarkPool.Protocol.Tests.Support.RandomBodies;

namespace DarkPool.Protocol.Tests.Messages;

/// <summary>
/// <see cref="RequestCodec.TryRead(ReadOnlyMemory{byte}, out DecodedRequest)"/> reads place, cancel, cancel-replace, batch place and mass quote bodies field by
/// field rather than through MessagePack's attribute-based formatter. It must accept exactly the bytes the formatter
/// accepts and give the same values: compared here on random messages (every field any MessagePack type, enums and
/// integers of any size, wrong element counts, batches of any length) and on valid messages with bytes changed or cut.
/// </summary>
public sealed class RequestDecodeEquivalenceTests
{
    [Fact]
    public void RandomMessages_DecodeAsTheFormatterDoes()
    {
        var random = new Random(5150);
        int accepted = 0;
        var acceptedByKind = new Dictionary<RequestKind, int>();
        for (int i = 0; i < 40_000; i++)
        {
            byte[] message = RandomMessage(random);
            if (AssertSameDecode(message))
            {
                accepted++;
                _ = RequestCodec.TryRead(message, out DecodedRequest request);
                acceptedByKind[request.Kind] = acceptedByKind.GetValueOrDefault(request.Kind) + 1;
            }
        }

        // Both outcomes occur often enough for the comparison to mean something, for every body read by hand.
        Assert.InRange(accepted, 2_000, 38_000);
        foreach (RequestKind kind in new[] { RequestKind.PlaceOrder, RequestKind.CancelOrder, RequestKind.CancelReplace, RequestKind.BatchPlace, RequestKind.BatchCancelReplace })
        {
            Assert.True(acceptedByKind.GetValueOrDefault(kind) >= 100, string.Join(", ", acceptedByKind.Select(k => $"{k.Key}: {k.Value}")));
        }
    }

    [Fact]
    public void ValidMessagesChangedOrCut_DecodeAsTheFormatterDoes()
    {
        var random = new Random(5151);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] message = ValidMessage(random);
            Assert.True(AssertSameDecode(message));
            byte[] changed = message.ToArray();
            changed[random.Next(changed.Length)] = (byte)random.Next(256);
            _ = AssertSameDecode(changed);
            _ = AssertSameDecode(message[..random.Next(message.Length)]);
        }
    }

    /// <summary>Compares the codec with the formatter-based reading; returns whether they accepted.</summary>
    private static bool AssertSameDecode(byte[] message)
    {
        bool expected = TryReadWithFormatter(message, out DecodedRequest reference);
        bool actual = RequestCodec.TryRead(message, out DecodedRequest request);
        Assert.True(expected == actual, $"formatter {expected}, codec {actual}: {Convert.ToHexString(message)}");
        if (expected)
        {
            Assert.Equal(reference.Kind, request.Kind);
            Assert.Equal(reference.ClientRequestId, request.ClientRequestId);
            Assert.Equal(reference.ExpiresAtUnixMs, request.ExpiresAtUnixMs);
            Assert.Equal(reference.Place, request.Place);
            Assert.Equal(reference.Cancel, request.Cancel);
            Assert.Equal(reference.CancelReplace, request.CancelReplace);
            Assert.Equal(reference.BatchPlace.Orders, request.BatchPlace.Orders);
            Assert.Equal(reference.BatchCancelReplace.Quotes, request.BatchCancelReplace.Quotes);
        }

        return expected;
    }

    /// <summary>The frame as the codec reads it, and the body through the attribute-based formatter.</summary>
    private static bool TryReadWithFormatter(byte[] message, out DecodedRequest request)
    {
        request = default;
        var reader = new MessagePackReader(message);
        try
        {
            if (reader.ReadArrayHeader() != RequestCodec.FrameFieldCount)
            {
                return false;
            }

            var kind = (RequestKind)reader.ReadByte();
            ulong id = reader.ReadUInt64();
            long expiresAt = reader.ReadInt64();
            var frame = new DecodedRequest { Kind = kind, ClientRequestId = id, ExpiresAtUnixMs = expiresAt };
            bool ok;
            switch (kind)
            {
                case RequestKind.PlaceOrder:
                    PlaceOrder place = ProtocolSerializer.ReadExact<PlaceOrder>(ref reader, PlaceOrder.FieldCount, out ok);
                    ok = ok && place.IsWellFormed();
                    request = frame with { Place = place };
                    break;
                case RequestKind.CancelOrder:
                    CancelOrder cancel = ProtocolSerializer.ReadExact<CancelOrder>(ref reader, CancelOrder.FieldCount, out ok);
                    request = frame with { Cancel = cancel };
                    break;
                case RequestKind.CancelReplace:
                    CancelReplace replace = ProtocolSerializer.ReadExact<CancelReplace>(ref reader, CancelReplace.FieldCount, out ok);
                    ok = ok && replace.IsWellFormed();
                    request = frame with { CancelReplace = replace };
                    break;
                case RequestKind.BatchPlace:
                    var batch = new BatchPlace { Orders = ProtocolSerializer.ReadBatch<PlaceOrder>(ref reader, BatchPlace.MaxOrders, PlaceOrder.FieldCount) };
                    ok = batch.Orders is not null && batch.IsWellFormed();
                    request = frame with { BatchPlace = batch };
                    break;
                case RequestKind.BatchCancelReplace:
                    var quotes = new BatchCancelReplace { Quotes = ProtocolSerializer.ReadBatch<CancelReplace>(ref reader, BatchCancelReplace.MaxQuotes, CancelReplace.FieldCount) };
                    ok = quotes.Quotes is not null && quotes.IsWellFormed();
                    request = frame with { BatchCancelReplace = quotes };
                    break;
                default:
                    // Other bodies are read through the formatter by the codec itself: nothing to compare.
                    return RequestCodec.TryRead(message, out request);
            }

            return ok && id != 0 && reader.End;
        }
        catch (Exception e) when (ProtocolSerializer.IsMalformedInput(e))
        {
            return false;
        }
    }

    private static byte[] ValidMessage(Random random)
    {
        var output = new ArrayBufferWriter<byte>();
        ulong id = (ulong)random.NextInt64(1, long.MaxValue);
        long expiry = random.NextInt64();
        switch (random.Next(5))
        {
            case 0:
                RequestCodec.Write(output, id, expiry, new CancelOrder { Market = random.Next(int.MinValue, int.MaxValue), ClientOrderId = random.NextInt64(long.MinValue, long.MaxValue) });
                break;
            case 1:
                RequestCodec.Write(output, id, expiry, AnyPlace(random));
                break;
            case 2:
                RequestCodec.Write(output, id, expiry, CancelReplace.Of(AnyInt64(random), AnyPlace(random)));
                break;
            case 3:
                RequestCodec.Write(output, id, expiry, new BatchPlace { Orders = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => AnyPlace(random))] });
                break;
            default:
                RequestCodec.Write(output, id, expiry, new BatchCancelReplace
                {
                    Quotes = [.. Enumerable.Range(0, random.Next(1, BatchCancelReplace.MaxQuotes + 1)).Select(_ => CancelReplace.Of(AnyInt64(random), AnyPlace(random)))],
                });
                break;
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A frame [kind, id, expiry, body] whose body elements are each of a randomly chosen MessagePack type: a place, a
    /// cancel or a cancel-replace body, or a batch (of places or cancel-replaces, 0 to 16 items, sometimes a wrong outer
    /// count or an item of the other kind's field count).
    /// </summary>
    private static byte[] RandomMessage(Random random)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(random.Next(20) == 0 ? 3 : RequestCodec.FrameFieldCount);
        RequestKind kind = random.Next(5) switch
        {
            0 => RequestKind.PlaceOrder,
            1 => RequestKind.CancelOrder,
            2 => RequestKind.CancelReplace,
            3 => RequestKind.BatchPlace,
            _ => RequestKind.BatchCancelReplace,
        };
        writer.Write(random.Next(10) == 0 ? (byte)random.Next(256) : (byte)kind);
        writer.Write(random.Next(20) == 0 ? 0UL : (ulong)random.NextInt64(1, long.MaxValue));
        writer.Write(random.NextInt64());

        // Half the messages keep every field's type plausible (and so are often accepted), half change types freely.
        int plausibleInTen = random.Next(2) == 0 ? 10 : 7;
        switch (kind)
        {
            case RequestKind.BatchPlace or RequestKind.BatchCancelReplace:
                Body item = kind == RequestKind.BatchPlace ? Body.Place : Body.CancelReplace;
                writer.WriteArrayHeader(random.Next(15) == 0 ? random.Next(3) : 1);
                int count = random.Next(6) == 0 ? random.Next(17) : random.Next(1, 4);
                writer.WriteArrayHeader(count);
                for (int i = 0; i < count; i++)
                {
                    WriteBody(ref writer, random, random.Next(30) == 0 ? (Body)random.Next(3) : item, plausibleInTen);
                }

                break;
            default:
                WriteBody(ref writer, random, kind switch { RequestKind.PlaceOrder => Body.Place, RequestKind.CancelOrder => Body.Cancel, _ => Body.CancelReplace }, plausibleInTen);
                break;
        }

        if (random.Next(20) == 0)
        {
            writer.Write(1);
        }

        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    private enum Body
    {
        Place,
        Cancel,
        CancelReplace,
    }

    /// <summary>One body's array: usually its own field count, sometimes one more or less; each field anything.</summary>
    private static void WriteBody(ref MessagePackWriter writer, Random random, Body body, int plausibleInTen)
    {
        int fields = body switch { Body.Place => PlaceOrder.FieldCount, Body.Cancel => CancelOrder.FieldCount, _ => CancelReplace.FieldCount };
        writer.WriteArrayHeader(random.Next(10) == 0 ? fields + random.Next(-1, 2) : fields);
        for (int f = 0; f < fields; f++)
        {
            WriteAnything(ref writer, random, Plausible(body, f), plausibleInTen);
        }
    }

    /// <summary>The kind of value the field holds when well formed: 0 integer, 1 small enum, 2 nullable integer, 3 bool.</summary>
    private static int Plausible(Body body, int field) => body switch
    {
        Body.Cancel => 0,
        Body.Place => PlaceField(field),
        _ => field == 0 ? 0 : PlaceField(field - 1),
    };

    private static int PlaceField(int field) => field switch
    {
        2 or 3 or 4 or 10 => 1,
        5 or 7 or 8 => 2,
        9 => 3,
        _ => 0,
    };

    private static void WriteAnything(ref MessagePackWriter writer, Random random, int plausible, int plausibleInTen)
    {
        int choice = random.Next(10) < plausibleInTen ? plausible : random.Next(9);
        switch (choice)
        {
            case 0:
                writer.Write(AnyInt64(random));
                break;
            case 1:
                writer.Write(plausibleInTen == 10 ? random.Next(2) : random.Next(4) == 0 ? random.Next(-300, 600) : random.Next(5));
                break;
            case 2:
                if (random.Next(2) == 0)
                {
                    writer.WriteNil();
                }
                else
                {
                    writer.Write(AnyInt64(random));
                }

                break;
            case 3:
                writer.Write(random.Next(2) == 0);
                break;
            case 4:
                writer.Write(AnyUInt64(random));
                break;
            case 5:
                writer.Write("x");
                break;
            case 6:
                writer.Write(1.5);
                break;
            case 7:
                writer.WriteArrayHeader(0);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    private static ulong AnyUInt64(Random random) => random.Next(2) == 0 ? (ulong)random.NextInt64() + (ulong)long.MaxValue : (ulong)random.Next(300);
}
