using System.Buffers;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using MessagePack;

namespace DarkPool.Protocol.Tests.Messages;

/// <summary>The recent-fills query (request kind 12) and its page (response kind 16).</summary>
public sealed class FillsCodecTests
{
    private static readonly FillEntry WorstFill = new()
    {
        Market = int.MinValue, ClientOrderId = long.MinValue, Side = OrderSide.Sell, Liquidity = Liquidity.Auction,
        Price = long.MinValue, Quantity = long.MinValue, Fee = long.MinValue, TimeUnixMs = long.MinValue,
    };

    [Fact]
    public void FillsQuery_WriteThenRead_RoundTripsAsKind12()
    {
        var query = new FillsQuery { Market = 7, Cursor = 5 };
        byte[] message = Request(query);

        Assert.Equal(12, message[1]);
        Assert.True(RequestCodec.TryRead(message, out DecodedRequest decoded));
        Assert.Equal(RequestKind.FillsQuery, decoded.Kind);
        Assert.Equal(query, decoded.FillsQuery);
        Assert.True(RequestCodec.TryRead(Request(new FillsQuery()), out decoded));
        Assert.Equal((null, 0L), (decoded.FillsQuery.Market, decoded.FillsQuery.Cursor));
    }

    [Fact]
    public void FillsQuery_NegativeCursorOrWrongFieldCount_IsMalformed()
    {
        Assert.Throws<ArgumentException>(() => Request(new FillsQuery { Cursor = -1 }));
        byte[] negative = Frame(12, (ref MessagePackWriter w) => { w.WriteArrayHeader(2); w.WriteNil(); w.Write(-1L); });
        byte[] threeFields = Frame(12, (ref MessagePackWriter w) => { w.WriteArrayHeader(3); w.WriteNil(); w.Write(0L); w.Write(0L); });
        byte[] valid = Frame(12, (ref MessagePackWriter w) => { w.WriteArrayHeader(2); w.WriteNil(); w.Write(4L); });

        Assert.False(RequestCodec.TryRead(negative, out _));
        Assert.False(RequestCodec.TryRead(threeFields, out _));
        Assert.True(RequestCodec.TryRead(valid, out DecodedRequest ok));
        Assert.Equal(4, ok.FillsQuery.Cursor);
    }

    [Fact]
    public void FillsPage_WriteThenRead_RoundTripsAsKind16()
    {
        FillEntry[] entries =
        [
            new() { Market = 7, ClientOrderId = 12, Side = OrderSide.Buy, Liquidity = Liquidity.Taker, Price = 250_000, Quantity = 3, Fee = 8, TimeUnixMs = 1_767_225_600_123 },
            new() { Market = 7, ClientOrderId = 11, Side = OrderSide.Sell, Liquidity = Liquidity.Maker, Price = 249_000, Quantity = 1, Fee = 0, TimeUnixMs = 1_767_225_600_100 },
        ];
        byte[] message = Response(new FillsPage { Entries = entries, NextCursor = 9 });

        Assert.Equal(16, message[1]);
        Assert.True(ResponseCodec.TryRead(message, out DecodedResponse decoded));
        Assert.Equal(ResponseKind.FillsPage, decoded.Kind);
        Assert.Equal(entries, decoded.Fills.Entries);
        Assert.Equal(9, decoded.Fills.NextCursor);
    }

    /// <summary>A full page of the widest entries fits a standard envelope, like every other answer.</summary>
    [Fact]
    public void FillsPage_FullPageOfWorstCaseEntries_FitsAStandardEnvelope()
    {
        var page = new FillsPage { Entries = Enumerable.Repeat(WorstFill, FillsPage.MaxEntries).ToArray(), NextCursor = long.MaxValue };
        byte[] message = Response(page, ulong.MaxValue, long.MinValue);

        Assert.InRange(message.Length, 1, EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Standard));
        Assert.True(ResponseCodec.TryRead(message, out DecodedResponse decoded));
        Assert.Equal(page.Entries, decoded.Fills.Entries);
    }

    [Fact]
    public void FillsPage_TooLongMissingOrBadEnum_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Response(new FillsPage { Entries = new FillEntry[FillsPage.MaxEntries + 1] }));
        Assert.Throws<ArgumentException>(() => Response(new FillsPage { Entries = null }));
        Assert.Throws<ArgumentException>(() => Response(new FillsPage { Entries = [WorstFill with { Side = (OrderSide)2 }] }));
        Assert.Throws<ArgumentException>(() => Response(new FillsPage { Entries = [], NextCursor = -1 }));

        byte[] fullPage = Response(new FillsPage { Entries = new FillEntry[FillsPage.MaxEntries] });
        byte[] longBody = MessagePackSerializer.Serialize(new FillsPage { Entries = new FillEntry[FillsPage.MaxEntries + 1] });
        byte[] badLiquidity = MessagePackSerializer.Serialize(new FillsPage { Entries = [WorstFill with { Liquidity = (Liquidity)3 }] });
        Assert.True(ResponseCodec.TryRead(fullPage, out _));
        Assert.False(ResponseCodec.TryRead((byte[])[.. fullPage[..12], .. longBody], out _));
        Assert.False(ResponseCodec.TryRead((byte[])[.. fullPage[..12], .. badLiquidity], out _));
    }

    private static byte[] Request(in FillsQuery body)
    {
        var output = new ArrayBufferWriter<byte>();
        RequestCodec.Write(output, 42, 1_767_225_605_000, body);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Response(in FillsPage body, ulong id = 42, long time = 1_767_225_600_123)
    {
        var output = new ArrayBufferWriter<byte>();
        ResponseCodec.Write(output, id, time, body);
        return output.WrittenSpan.ToArray();
    }

    private delegate void BodyWriter(ref MessagePackWriter writer);

    private static byte[] Frame(byte kind, BodyWriter body)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(4);
        writer.Write(kind);
        writer.Write(42UL);
        writer.Write(1_767_225_605_000L);
        body(ref writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }
}
