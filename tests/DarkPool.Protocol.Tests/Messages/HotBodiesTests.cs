using System.Buffers;
using DarkPool.Protocol.Internal;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using MessagePack;
using static DarkPool.Protocol.Tests.Support.RandomBodies;

namespace DarkPool.Protocol.Tests.Messages;

/// <summary>
/// The mass quote and its answer are written, and the answer read, field by field (<c>HotBodies</c>) instead of through
/// the attribute-based formatter: the same bytes written, the same bytes accepted with the same values. (The requests'
/// reading is compared in <see cref="RequestDecodeEquivalenceTests"/>, encodings no writer produces in
/// <see cref="EdgeEncodingTests"/>.)
/// </summary>
public sealed class HotBodiesTests
{
    [Fact]
    public void MassQuoteRequest_WrittenAsTheFormatterWritesIt()
    {
        var random = new Random(7001);
        for (int i = 0; i < 5_000; i++)
        {
            var body = new BatchCancelReplace
            {
                Quotes = [.. Enumerable.Range(0, random.Next(1, BatchCancelReplace.MaxQuotes + 1)).Select(_ => AnyQuote(random))],
            };
            ulong id = (ulong)random.NextInt64(1, long.MaxValue);
            long expiry = AnyInt64(random);
            var actual = new ArrayBufferWriter<byte>();
            RequestCodec.Write(actual, id, expiry, body);

            Assert.Equal(Frame((byte)RequestKind.BatchCancelReplace, id, expiry, body), actual.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void MassQuoteAnswer_WrittenAsTheFormatterWritesIt()
    {
        var random = new Random(7002);
        for (int i = 0; i < 5_000; i++)
        {
            var body = new BatchCancelReplaced { Results = [.. Enumerable.Range(0, random.Next(1, BatchCancelReplace.MaxQuotes + 1)).Select(_ => AnyResult(random))] };
            ulong id = (ulong)random.NextInt64(0, long.MaxValue);
            long time = AnyInt64(random);
            var actual = new ArrayBufferWriter<byte>();
            ResponseCodec.Write(actual, id, time, body);

            Assert.Equal(Frame((byte)ResponseKind.BatchCancelReplaced, id, time, body), actual.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void MassQuoteAnswer_ChangedOrCut_ReadAsTheFormatterReadsIt()
    {
        var random = new Random(7003);
        int accepted = 0;
        for (int i = 0; i < 10_000; i++)
        {
            var body = new BatchCancelReplaced { Results = [.. Enumerable.Range(0, random.Next(1, BatchCancelReplace.MaxQuotes + 1)).Select(_ => AnyResult(random))] };
            byte[] message = Frame((byte)ResponseKind.BatchCancelReplaced, (ulong)random.NextInt64(), AnyInt64(random), body);
            Assert.True(AssertSameRead(message));
            byte[] changed = message.ToArray();
            changed[random.Next(changed.Length)] = (byte)random.Next(256);
            accepted += AssertSameRead(changed) ? 1 : 0;
            _ = AssertSameRead(message[..random.Next(message.Length)]);
        }

        // A changed byte is often still a valid answer (a quantity or a code), often not: both are compared.
        Assert.InRange(accepted, 1_000, 9_000);
    }

    /// <summary>Compares the codec's reading of a mass-quote answer with the formatter's; returns whether they accepted.</summary>
    private static bool AssertSameRead(byte[] message)
    {
        bool expected = TryReadAnswerWithFormatter(message, out BatchCancelReplaced reference);
        bool actual = ResponseCodec.TryRead(message, out DecodedResponse response) && response.Kind == ResponseKind.BatchCancelReplaced;
        Assert.True(expected == actual, $"formatter {expected}, codec {actual}: {Convert.ToHexString(message)}");
        if (expected)
        {
            Assert.Equal(reference.Results, response.BatchCancelReplaced.Results);
        }

        return expected;
    }

    /// <summary>A mass quote's answer read with the frame as the codec reads it and the results through the formatter.</summary>
    internal static bool TryReadAnswerWithFormatter(byte[] message, out BatchCancelReplaced body)
    {
        body = default;
        var reader = new MessagePackReader(message);
        try
        {
            if (reader.ReadArrayHeader() != ResponseCodec.FrameFieldCount || (ResponseKind)reader.ReadByte() != ResponseKind.BatchCancelReplaced)
            {
                return false;
            }

            _ = reader.ReadUInt64();
            _ = reader.ReadInt64();
            body = new BatchCancelReplaced
            {
                Results = ProtocolSerializer.ReadBatch<BatchCancelReplaceResult>(ref reader, BatchCancelReplace.MaxQuotes, BatchCancelReplaceResult.FieldCount),
            };
            return body.Results is not null && body.IsWellFormed() && reader.End;
        }
        catch (Exception e) when (ProtocolSerializer.IsMalformedInput(e))
        {
            return false;
        }
    }

    /// <summary>The frame with the body through the attribute-based formatter.</summary>
    private static byte[] Frame<T>(byte kind, ulong id, long time, T body)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(4);
        writer.Write(kind);
        writer.Write(id);
        writer.Write(time);
        MessagePackSerializer.Serialize(ref writer, body, ProtocolSerializer.Options);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>A well-formed result: replaced, cancel refused (place not attempted), or cancelled and place refused.</summary>
    private static BatchCancelReplaceResult AnyResult(Random random)
    {
        RejectCode[] codes = Enum.GetValues<RejectCode>();
        RejectCode AnyReject() => codes[random.Next(1, codes.Length)];
        long quantity = random.Next(3) == 0 ? random.NextInt64(0, long.MaxValue) : random.Next(0, 1_000);
        return random.Next(3) switch
        {
            0 => new BatchCancelReplaceResult { CancelledQuantity = quantity, PlaceStatus = PlaceStatus.Accepted },
            1 => new BatchCancelReplaceResult { CancelReject = AnyReject(), PlaceStatus = PlaceStatus.NotAttempted },
            _ => new BatchCancelReplaceResult { CancelledQuantity = quantity, PlaceStatus = PlaceStatus.Rejected, PlaceReject = AnyReject() },
        };
    }
}
