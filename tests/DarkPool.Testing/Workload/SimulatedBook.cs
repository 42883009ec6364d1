using DarkPool.Engine;

namespace DarkPool.Testing.Workload;

/// <summary>
/// The generator's own model of the book, exact for the commands the generator writes: price-time
/// priority, fills at the resting price, self-trade prevention by cancelling the resting order (the
/// engine's default), a moved order re-entering at the back of its new level after matching. Being exact
/// is what lets every cancel and move name a live order. Dense levels over a bounded price window.
/// </summary>
internal sealed class SimulatedBook
{
    private const int NoSlot = -1;
    private readonly long _minPrice;
    private readonly int[][] _head;
    private readonly int[][] _tail;
    private readonly int[] _best = [NoSlot, NoSlot];
    private readonly int[] _orders = new int[2];
    private readonly int[] _levels = new int[2];
    private Slot[] _slots = new Slot[1024];
    private int[] _free = new int[1024];
    private int _freeCount;
    private int _used;
    private int[] _live = new int[1024];
    private int _liveCount;

    public SimulatedBook(long minPrice, long maxPrice)
    {
        _minPrice = minPrice;
        int width = checked((int)(maxPrice - minPrice + 1));
        _head = [NewLevels(width), NewLevels(width)];
        _tail = [NewLevels(width), NewLevels(width)];
    }

    /// <summary>Live orders.</summary>
    public int OrderCount => _liveCount;

    /// <summary>Non-empty price levels, both sides.</summary>
    public int LevelCount => _levels[0] + _levels[1];

    /// <summary>Price of the last trade, zero before the first.</summary>
    public long LastTradePrice { get; private set; }

    public int Orders(Side side) => _orders[(int)side];

    public bool IsEmpty(Side side) => _best[(int)side] == NoSlot;

    /// <summary>Best price of a side; only meaningful when the side is not empty.</summary>
    public long BestPrice(Side side) => _minPrice + _best[(int)side];

    /// <summary>The slot of the i-th live order (any order; the list is reshuffled by removals).</summary>
    public int LiveSlot(int i) => _live[i];

    public int Account(int slot) => _slots[slot].Account;

    public long OrderId(int slot) => _slots[slot].OrderId;

    public long Price(int slot) => _slots[slot].Price;

    public long Remaining(int slot) => _slots[slot].Remaining;

    public Side SideOf(int slot) => _slots[slot].Side;

    /// <summary>Rests an order at the back of its level.</summary>
    public void Rest(int account, long orderId, Side side, long price, long quantity)
    {
        int slot = Allocate();
        int s = (int)side;
        int level = checked((int)(price - _minPrice));
        _slots[slot] = new Slot
        {
            Account = account,
            OrderId = orderId,
            Side = side,
            Price = price,
            Remaining = quantity,
            Prev = _tail[s][level],
            Next = NoSlot,
            LivePos = _liveCount,
        };

        if (_tail[s][level] == NoSlot)
        {
            _head[s][level] = slot;
            _levels[s]++;
            if (_best[s] == NoSlot || (side == Side.Buy ? level > _best[s] : level < _best[s]))
            {
                _best[s] = level;
            }
        }
        else
        {
            _slots[_tail[s][level]].Next = slot;
        }

        _tail[s][level] = slot;
        _orders[s]++;
        if (_liveCount == _live.Length)
        {
            Array.Resize(ref _live, _live.Length * 2);
        }

        _live[_liveCount++] = slot;
    }

    /// <summary>Takes an order off the book.</summary>
    public void Remove(int slot)
    {
        ref Slot o = ref _slots[slot];
        int s = (int)o.Side;
        int level = (int)(o.Price - _minPrice);
        if (o.Prev == NoSlot)
        {
            _head[s][level] = o.Next;
        }
        else
        {
            _slots[o.Prev].Next = o.Next;
        }

        if (o.Next == NoSlot)
        {
            _tail[s][level] = o.Prev;
        }
        else
        {
            _slots[o.Next].Prev = o.Prev;
        }

        _orders[s]--;
        if (_head[s][level] == NoSlot)
        {
            _levels[s]--;
            if (_best[s] == level)
            {
                _best[s] = _orders[s] == 0 ? NoSlot : NextLevel(s, level);
            }
        }

        int last = _live[--_liveCount];
        _live[o.LivePos] = last;
        _slots[last].LivePos = o.LivePos;
        _free[_freeCount++] = slot;
    }

    /// <summary>
    /// Matches an incoming limit order; returns the number of trades. Meeting an order of its own
    /// account cancels that resting order and goes on, without a trade.
    /// </summary>
    public int Match(int account, Side side, long limit, ref long quantity)
    {
        int contra = 1 - (int)side;
        int trades = 0;
        while (quantity > 0 && _best[contra] != NoSlot)
        {
            long best = _minPrice + _best[contra];
            if (side == Side.Buy ? best > limit : best < limit)
            {
                break;
            }

            int slot = _head[contra][_best[contra]];
            ref Slot resting = ref _slots[slot];
            if (resting.Account == account)
            {
                Remove(slot);
                continue;
            }

            long fill = Math.Min(quantity, resting.Remaining);
            quantity -= fill;
            resting.Remaining -= fill;
            trades++;
            LastTradePrice = best;
            if (resting.Remaining == 0)
            {
                Remove(slot);
            }
        }

        return trades;
    }

    /// <summary>
    /// The quantity that takes the first <paramref name="orders"/> resting orders on <paramref name="side"/>
    /// in priority order (a fraction takes part of the next), and the worst price it reaches.
    /// </summary>
    public long QuantityToTake(Side side, double orders, out long worstPrice)
    {
        int s = (int)side;
        long quantity = 0;
        worstPrice = BestPrice(side);
        for (int level = _best[s]; level >= 0 && level < _head[s].Length && orders > 0; level += side == Side.Buy ? -1 : 1)
        {
            for (int slot = _head[s][level]; slot != NoSlot && orders > 0; slot = _slots[slot].Next)
            {
                long remaining = _slots[slot].Remaining;
                long take = orders >= 1 ? remaining : Math.Max(1, (long)(remaining * orders));
                quantity += take;
                worstPrice = _minPrice + level;
                orders -= 1;
            }
        }

        return quantity;
    }

    private int NextLevel(int side, int from)
    {
        int step = side == (int)Side.Buy ? -1 : 1;
        int level = from + step;
        while (_head[side][level] == NoSlot)
        {
            level += step;
        }

        return level;
    }

    private int Allocate()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }

        if (_used == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _free, _free.Length * 2);
        }

        return _used++;
    }

    private static int[] NewLevels(int width)
    {
        var levels = new int[width];
        Array.Fill(levels, NoSlot);
        return levels;
    }

    private struct Slot
    {
        public long OrderId;
        public long Price;
        public long Remaining;
        public int Account;
        public int Prev;
        public int Next;
        public int LivePos;
        public Side Side;
    }
}
