using System.Buffers;
using System.Buffers.Binary;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Tests.Pipeline.Support;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using static DarkPool.Enclave.Tests.Pipeline.Support.EnclaveHarness;

namespace DarkPool.Enclave.Tests.Core;

/// <summary>The account's recent-fills history (EnclaveCore.Fills.cs): paging, bounds, bad pages, snapshot and recovery.</summary>
public sealed class FillsQueryTests
{
    private const int OtherMarket = 8;

    [Fact]
    public async Task FillsQuery_AfterSixTrades_PagesNewestFirstForBothParties()
    {
        using var h = new EnclaveHarness();
        (ClientSession maker, ClientSession taker) = await TwoTradersAsync(h);
        var ids = new RequestIds();
        await TradeAsync(h, maker, taker, 6, ids);

        FillsPage first = await FillsAsync(h, taker, ids.Taker++, new FillsQuery());
        Assert.Equal([106L, 105, 104, 103], first.Entries!.Select(e => e.ClientOrderId));
        Assert.All(first.Entries!, e => Assert.Equal((OrderSide.Buy, Liquidity.Taker, 1L), (e.Side, e.Liquidity, e.Quantity)));
        Assert.Equal([106L, 105, 104, 103], first.Entries!.Select(e => e.Price));
        Assert.Equal(2, first.NextCursor);
        FillsPage second = await FillsAsync(h, taker, ids.Taker++, new FillsQuery { Cursor = first.NextCursor });
        Assert.Equal([102L, 101], second.Entries!.Select(e => e.ClientOrderId));
        Assert.Equal(0, second.NextCursor);

        FillsPage makerPage = await FillsAsync(h, maker, ids.Maker++, new FillsQuery());
        Assert.Equal([6L, 5, 4, 3], makerPage.Entries!.Select(e => e.ClientOrderId));
        Assert.All(makerPage.Entries!, e => Assert.Equal((OrderSide.Sell, Liquidity.Maker), (e.Side, e.Liquidity)));
        Assert.All(makerPage.Entries!, e => Assert.InRange(e.TimeUnixMs, Start, h.Core.Time));
    }

    [Fact]
    public async Task FillsQuery_MarketFilter_OnlyThatMarketsFills()
    {
        using var h = new EnclaveHarness();
        (ClientSession maker, ClientSession taker) = await TwoTradersAsync(h);
        await h.CreateMarketAsync(OtherMarket);
        var ids = new RequestIds();
        await TradeAsync(h, maker, taker, 2, ids);
        _ = h.Open(maker, await h.SendAsync(maker, ids.Maker++, Limit(50, OrderSide.Sell, 100, 1) with { Market = OtherMarket }));
        Assert.Contains(h.Open(taker, await h.SendAsync(taker, ids.Taker++, Limit(150, OrderSide.Buy, 100, 1) with { Market = OtherMarket })),
            a => a.Kind == ResponseKind.OrderFilled);
        _ = h.Open(maker);
        await TradeAsync(h, maker, taker, 1, ids, firstOrder: 60);

        FillsPage other = await FillsAsync(h, taker, ids.Taker++, new FillsQuery { Market = OtherMarket });
        FillsPage main = await FillsAsync(h, taker, ids.Taker++, new FillsQuery { Market = Market });
        FillsPage none = await FillsAsync(h, taker, ids.Taker++, new FillsQuery { Market = 99 });

        Assert.Equal([150L], other.Entries!.Select(e => e.ClientOrderId));
        Assert.Equal([160L, 102, 101], main.Entries!.Select(e => e.ClientOrderId));
        Assert.Empty(none.Entries!);
        Assert.Equal(0, none.NextCursor);
    }

    [Fact]
    public async Task FillsQuery_CursorPastTheNewestFill_IsRejectedAndChangesNothingElse()
    {
        using var h = new EnclaveHarness();
        (ClientSession maker, ClientSession taker) = await TwoTradersAsync(h);
        var ids = new RequestIds();
        await TradeAsync(h, maker, taker, 2, ids);

        List<DecodedResponse> past = h.Open(taker, await h.SendAsync(taker, ids.Taker++, new FillsQuery { Cursor = 3 }));
        ClientSession stranger = await h.ConnectAsync();
        List<DecodedResponse> noFills = h.Open(stranger, await h.SendAsync(stranger, 1, new FillsQuery { Cursor = 1 }));
        FillsPage empty = await FillsAsync(h, stranger, 2, new FillsQuery());

        Assert.Equal((ResponseKind.RequestRejected, RejectCode.InvalidCommand), (past[^1].Kind, past[^1].Rejected.Reason));
        Assert.Equal((ResponseKind.RequestRejected, RejectCode.InvalidCommand), (noFills[^1].Kind, noFills[^1].Rejected.Reason));
        Assert.Empty(empty.Entries!);
        Assert.Equal([102L, 101], (await FillsAsync(h, taker, ids.Taker++, new FillsQuery { Cursor = 2 })).Entries!.Select(e => e.ClientOrderId));
    }

    [Fact]
    public async Task FillsQuery_MoreFillsThanTheHistoryKeeps_OldestAreForgottenAndNumbersKeepCounting()
    {
        using var h = new EnclaveHarness();
        (ClientSession maker, ClientSession taker) = await TwoTradersAsync(h);
        var ids = new RequestIds();
        int trades = FillHistory.Capacity + 3;
        await TradeAsync(h, maker, taker, trades, ids);

        var seen = new List<long>();
        long cursor = 0;
        do
        {
            FillsPage page = await FillsAsync(h, taker, ids.Taker++, new FillsQuery { Cursor = cursor });
            seen.AddRange(page.Entries!.Select(e => e.ClientOrderId));
            cursor = page.NextCursor;
        }
        while (cursor != 0);

        Assert.Equal(Enumerable.Range(104, FillHistory.Capacity).Reverse().Select(i => (long)i), seen);
        // Fill 3 fell out of the history: its page is empty, not an error; fill number 132 does not exist yet.
        Assert.Empty((await FillsAsync(h, taker, ids.Taker++, new FillsQuery { Cursor = 3 })).Entries!);
        List<DecodedResponse> ahead = h.Open(taker, await h.SendAsync(taker, ids.Taker++, new FillsQuery { Cursor = trades + 1 }));
        Assert.Equal(ResponseKind.RequestRejected, ahead[^1].Kind);
    }

    [Fact]
    public async Task FillsQuery_AfterSnapshotAndCrash_RecoveryReproducesTheHistoryAndTheStateHash()
    {
        using var h = new EnclaveHarness();
        (ClientSession maker, ClientSession taker) = await TwoTradersAsync(h);
        var ids = new RequestIds();
        await TradeAsync(h, maker, taker, 5, ids);
        Assert.NotNull(await h.Pipeline.SnapshotAsync());
        await TradeAsync(h, maker, taker, 2, ids, firstOrder: 20);
        FillsPage before = await FillsAsync(h, taker, ids.Taker++, new FillsQuery { Cursor = 6 });
        long hash = h.Core.ComputeStateHash();

        h.CrashAndRecover();

        Assert.NotNull(h.Recovery.Snapshot);
        Assert.Equal(hash, h.Core.ComputeStateHash());
        h.Core.CheckConsistency();
        // The session itself was recovered too: the same client goes on.
        FillsPage after = await FillsAsync(h, taker, ids.Taker++, new FillsQuery { Cursor = 6 });
        Assert.Equal(before.Entries, after.Entries);
        Assert.Equal([120L, 105, 104, 103], after.Entries!.Select(e => e.ClientOrderId));
        Assert.Equal([121L, 120, 105, 104], (await FillsAsync(h, taker, ids.Taker++, new FillsQuery())).Entries!.Select(e => e.ClientOrderId));
    }

    [Fact]
    public async Task RestoreSnapshot_Format1WithoutHistory_RestoresWithAnEmptyHistory_AndNewerFormatsOrDamageAreRefused()
    {
        using var h = new EnclaveHarness();
        (ClientSession maker, ClientSession taker) = await TwoTradersAsync(h);
        var ids = new RequestIds();
        await TradeAsync(h, maker, taker, 3, ids);
        byte[] current = Snapshot(h.Core);
        Assert.Equal("PCEV"u8.ToArray(), current[..4]);
        Assert.True(BinaryPrimitives.ReadInt32LittleEndian(current.AsSpan(4)) >= 2);
        int fillPart = FillPartOffset(current);
        Assert.Equal(4 + (2 * (16 + (3 * 46))), BinaryPrimitives.ReadInt32LittleEndian(current.AsSpan(fillPart)));

        // Format 1, as an older build wrote it: magic "PCES", no version, no fill part.
        byte[] format1 = ToFormat1(current);
        using var restored = new EnclaveCore(CoreOptions);
        restored.RestoreSnapshot(1, format1);
        restored.CheckConsistency();
        Assert.Equal(h.Core.Engine.ComputeStateHash(), restored.Engine.ComputeStateHash());
        Assert.NotEqual(h.Core.ComputeStateHash(), restored.ComputeStateHash()); // the history is not there
        byte[] rewritten = Snapshot(restored);
        Assert.Equal((4, 0), (BinaryPrimitives.ReadInt32LittleEndian(rewritten.AsSpan(FillPartOffset(rewritten))),
            BinaryPrimitives.ReadInt32LittleEndian(rewritten.AsSpan(FillPartOffset(rewritten) + 4))));

        using var same = new EnclaveCore(CoreOptions);
        same.RestoreSnapshot(1, current);
        Assert.Equal(h.Core.ComputeStateHash(), same.ComputeStateHash());
        Assert.Equal(current, Snapshot(same));

        byte[] newer = (byte[])current.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(newer.AsSpan(4), 99);
        Assert.Contains("format 99", RestoreRefused(newer).Message);

        byte[] badSide = (byte[])current.Clone();
        badSide[fillPart + 4 + 4 + 16 + 12] = 7;
        Assert.Contains("fill history", RestoreRefused(badSide).Message);
        int fillLength = BinaryPrimitives.ReadInt32LittleEndian(current.AsSpan(fillPart));
        byte[] extra = [.. current[..fillPart], .. BitConverter.GetBytes(fillLength + 1), .. current.AsSpan(fillPart + 4, fillLength), 0, .. current.AsSpan(fillPart + 4 + fillLength)];
        Assert.Contains("fill history", RestoreRefused(extra).Message);
    }

    private static async Task<(ClientSession Maker, ClientSession Taker)> TwoTradersAsync(EnclaveHarness h)
    {
        await h.CreateMarketAsync();
        ClientSession maker = await h.ConnectAsync();
        ClientSession taker = await h.ConnectAsync();
        await h.DepositAsync(maker, Base, 10_000);
        await h.DepositAsync(taker, Quote, 10_000_000);
        return (maker, taker);
    }

    /// <summary><paramref name="count"/> one-lot trades: maker sells order i at 100+i, taker buys order 100+i.</summary>
    private static async Task TradeAsync(EnclaveHarness h, ClientSession maker, ClientSession taker, int count, RequestIds ids, int firstOrder = 1)
    {
        for (int i = firstOrder; i < firstOrder + count; i++)
        {
            EnclaveReply rest = await h.SendAsync(maker, ids.Maker++, Limit(i, OrderSide.Sell, 100 + i, 1));
            Assert.Equal(ReplyStatus.Done, rest.Status);
            _ = h.Open(maker, rest);
            List<DecodedResponse> answers = h.Open(taker, await h.SendAsync(taker, ids.Taker++, Limit(100 + i, OrderSide.Buy, 100 + i, 1, OrderTimeInForce.Ioc)));
            Assert.Contains(answers, a => a.Kind == ResponseKind.OrderFilled);
            _ = h.Open(maker);
        }
    }

    private static async Task<FillsPage> FillsAsync(EnclaveHarness h, ClientSession client, ulong requestId, FillsQuery query)
    {
        List<DecodedResponse> answers = h.Open(client, await h.SendAsync(client, requestId, query));
        DecodedResponse page = answers[^1];
        Assert.Equal(ResponseKind.FillsPage, page.Kind);
        Assert.Equal(requestId, page.ClientRequestId);
        return page.Fills;
    }

    private static byte[] Snapshot(EnclaveCore core)
    {
        var output = new ArrayBufferWriter<byte>();
        core.WriteSnapshot(output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Offset of the fill part's length: after magic, version, time and the engine and session parts.</summary>
    private static int FillPartOffset(byte[] v2)
    {
        int offset = 16;
        for (int part = 0; part < 2; part++)
        {
            offset += 4 + BinaryPrimitives.ReadInt32LittleEndian(v2.AsSpan(offset));
        }

        return offset;
    }

    /// <summary>
    /// The same state as format 1 wrote it: magic "PCES", no version, and none of the parts later formats added after the
    /// session part (format 2 the fill history, format 3 the dead-man's switches: one part each).
    /// </summary>
    private static byte[] ToFormat1(byte[] versioned)
    {
        int version = BinaryPrimitives.ReadInt32LittleEndian(versioned.AsSpan(4));
        int first = FillPartOffset(versioned);
        int end = first;
        for (int part = 2; part <= version; part++)
        {
            end += 4 + BinaryPrimitives.ReadInt32LittleEndian(versioned.AsSpan(end));
        }

        return [.. "PCES"u8, .. versioned.AsSpan(8, first - 8), .. versioned.AsSpan(end)];
    }

    private static InvalidDataException RestoreRefused(byte[] state)
    {
        using var core = new EnclaveCore(CoreOptions);
        return Assert.Throws<InvalidDataException>(() => core.RestoreSnapshot(9, state));
    }

    /// <summary>The next client request id of each party.</summary>
    private sealed class RequestIds
    {
        public ulong Maker { get; set; } = 1;

        public ulong Taker { get; set; } = 1;
    }
}
