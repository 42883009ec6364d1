using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using DarkPool.Enclave.Serialization;
using DarkPool.Engine;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Enclave.Core;

/// <summary>
/// Each account's recent fills, kept so a trader can ask for them (<see cref="FillsQuery"/>). Recorded from the engine's
/// trade events in journal order, so replay rebuilds the same history; carried by the snapshot (format 2) and by the
/// state hash.
/// </summary>
public sealed partial class EnclaveCore
{
    /// <summary>Bytes of one fill in the snapshot: market, client order id, side, liquidity, price, quantity, fee, time.</summary>
    private const int FillRecordSize = 4 + 8 + 1 + 1 + (4 * 8);

    /// <summary>The fills part of a snapshot with no history: zero accounts.</summary>
    private static readonly byte[] NoFillHistory = new byte[4];

    private Dictionary<int, FillHistory> _fills = [];

    /// <summary>A trade as each party's fill: the taker's (the engine event's own order) and the maker's.</summary>
    private static (FillEntry Taker, FillEntry Maker) FillsOf(in EngineEvent trade, long time)
    {
        bool auction = trade.Command == CommandType.Auction;
        OrderSide side = (OrderSide)trade.Side;
        var taker = new FillEntry
        {
            Market = trade.Market, ClientOrderId = trade.OrderId, Side = side, Liquidity = auction ? Liquidity.Auction : Liquidity.Taker,
            Price = trade.Price, Quantity = trade.Quantity, Fee = trade.TakerFee, TimeUnixMs = time,
        };
        var maker = new FillEntry
        {
            Market = trade.Market, ClientOrderId = trade.MakerOrderId, Side = side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy,
            Liquidity = auction ? Liquidity.Auction : Liquidity.Maker, Price = trade.Price, Quantity = trade.Quantity, Fee = trade.MakerFee,
            TimeUnixMs = time,
        };
        return (taker, maker);
    }

    /// <summary>The live notice of a fill: the same fields, without the time (the response carries it).</summary>
    private static OrderFilled Filled(in FillEntry fill) => new()
    {
        Market = fill.Market, ClientOrderId = fill.ClientOrderId, Side = fill.Side, Price = fill.Price, Quantity = fill.Quantity,
        Fee = fill.Fee, Liquidity = fill.Liquidity,
    };

    /// <summary>Adds the fill to the account's history (the fee account, id 0, keeps none).</summary>
    private void RecordFill(int account, in FillEntry fill)
    {
        if (account <= 0)
        {
            return;
        }

        if (!_fills.TryGetValue(account, out FillHistory? history))
        {
            history = new FillHistory();
            _fills.Add(account, history);
        }

        history.Add(fill);
    }

    /// <summary>
    /// Answers a fills query: up to <see cref="FillsPage.MaxEntries"/> fills from the cursor's (0: the newest) towards
    /// older ones. A cursor past the newest fill is a bad page request, answered with a rejection; a cursor below what is
    /// still retained gives an empty last page.
    /// </summary>
    private void ReplyFills(Requester requester, long time, in FillsQuery query)
    {
        long total = _fills.TryGetValue(requester.Account, out FillHistory? history) ? history.Total : 0;
        if (query.Cursor > total)
        {
            Reply(requester, time, new RequestRejected { Reason = RejectCode.InvalidCommand, Market = query.Market ?? 0 });
            return;
        }

        if (history is null)
        {
            Reply(requester, time, new FillsPage { Entries = [], NextCursor = 0 });
            return;
        }

        var entries = new List<FillEntry>(FillsPage.MaxEntries);
        long number = query.Cursor == 0 ? total : query.Cursor;
        long next = 0;
        for (; number >= history.Oldest; number--)
        {
            ref readonly FillEntry fill = ref history[number];
            if (query.Market is { } market && fill.Market != market)
            {
                continue;
            }

            if (entries.Count == FillsPage.MaxEntries)
            {
                next = number;
                break;
            }

            entries.Add(fill);
        }

        Reply(requester, time, new FillsPage { Entries = [.. entries], NextCursor = next });
    }

    /// <summary>Mixes every account's history into the state hash, by ascending account id.</summary>
    private ulong MixFills(ulong h)
    {
        foreach ((int account, FillHistory history) in _fills.OrderBy(p => p.Key))
        {
            h = Mix(Mix(h, (ulong)account), (ulong)history.Total);
            for (long n = history.Oldest; n <= history.Total; n++)
            {
                ref readonly FillEntry f = ref history[n];
                h = Mix(Mix(Mix(h, (uint)f.Market | ((ulong)f.Side << 32) | ((ulong)f.Liquidity << 40)), (ulong)f.ClientOrderId), (ulong)f.Price);
                h = Mix(Mix(Mix(h, (ulong)f.Quantity), (ulong)f.Fee), (ulong)f.TimeUnixMs);
            }
        }

        return h;
    }

    /// <summary>
    /// The fills part of a format-2 snapshot: account count i32, then by ascending account id: account i32, fills ever
    /// i64, retained count i32, and the retained fills oldest first (46 bytes each).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // inside the sequencer's snapshot pause: no tier-0 code there
    private void WriteFills(IBufferWriter<byte> output)
    {
        using var w = new StagedWriter(output);
        w.I32(_fills.Count);
        foreach (int account in SortedKeys(_fills, static _ => true))
        {
            FillHistory history = _fills[account];
            w.I32(account);
            w.I64(history.Total);
            w.I32(history.Count);
            for (long n = history.Oldest; n <= history.Total; n++)
            {
                ref readonly FillEntry f = ref history[n];
                Span<byte> b = w.Reserve(FillRecordSize);
                BinaryPrimitives.WriteInt32LittleEndian(b, f.Market);
                BinaryPrimitives.WriteInt64LittleEndian(b[4..], f.ClientOrderId);
                b[12] = (byte)f.Side;
                b[13] = (byte)f.Liquidity;
                BinaryPrimitives.WriteInt64LittleEndian(b[14..], f.Price);
                BinaryPrimitives.WriteInt64LittleEndian(b[22..], f.Quantity);
                BinaryPrimitives.WriteInt64LittleEndian(b[30..], f.Fee);
                BinaryPrimitives.WriteInt64LittleEndian(b[38..], f.TimeUnixMs);
            }
        }

        w.Flush();
    }

    /// <summary>Reads the fills part; null when any field is out of range, the accounts are out of order, or bytes are left.</summary>
    private static Dictionary<int, FillHistory>? TryReadFills(ReadOnlySpan<byte> part, int accounts)
    {
        if (part.Length < 4)
        {
            return null;
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(part);
        part = part[4..];
        if (count < 0 || count > accounts)
        {
            return null;
        }

        var fills = new Dictionary<int, FillHistory>(count);
        int previous = 0;
        var retained = new FillEntry[FillHistory.Capacity];
        for (int i = 0; i < count; i++)
        {
            if (part.Length < 16)
            {
                return null;
            }

            int account = BinaryPrimitives.ReadInt32LittleEndian(part);
            long total = BinaryPrimitives.ReadInt64LittleEndian(part[4..]);
            int kept = BinaryPrimitives.ReadInt32LittleEndian(part[12..]);
            part = part[16..];
            if (account <= previous || account > accounts || kept < 1 || kept > FillHistory.Capacity || total < kept
                || (total > kept && kept != FillHistory.Capacity) || part.Length < (long)kept * FillRecordSize)
            {
                return null;
            }

            for (int k = 0; k < kept; k++)
            {
                ReadOnlySpan<byte> b = part.Slice(k * FillRecordSize, FillRecordSize);
                retained[k] = new FillEntry
                {
                    Market = BinaryPrimitives.ReadInt32LittleEndian(b), ClientOrderId = BinaryPrimitives.ReadInt64LittleEndian(b[4..]),
                    Side = (OrderSide)b[12], Liquidity = (Liquidity)b[13], Price = BinaryPrimitives.ReadInt64LittleEndian(b[14..]),
                    Quantity = BinaryPrimitives.ReadInt64LittleEndian(b[22..]), Fee = BinaryPrimitives.ReadInt64LittleEndian(b[30..]),
                    TimeUnixMs = BinaryPrimitives.ReadInt64LittleEndian(b[38..]),
                };
                if (!retained[k].IsWellFormed() || retained[k].Quantity <= 0)
                {
                    return null;
                }
            }

            part = part[(kept * FillRecordSize)..];
            fills.Add(account, FillHistory.Restore(total, retained.AsSpan(0, kept)));
            previous = account;
        }

        return part.IsEmpty ? fills : null;
    }
}
