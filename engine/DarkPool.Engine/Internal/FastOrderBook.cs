using System.Runtime.CompilerServices;

namespace DarkPool.Engine.Internal;

/// <summary>
/// The production book. Orders live in a pooled array of <see cref="OrderSlot"/> structs addressed by
/// int index (0 = none), each price level is an intrusive FIFO of slots, each side is a
/// <see cref="SideLevels"/> (a dense tick window with a bitmap, far prices in a sorted ladder), and
/// (account, id) finds a slot through an <see cref="OrderIndex"/>. Every account also has an intrusive
/// list of its slots, for mass cancel; a price move does not touch it, so it is sorted by arrival
/// sequence only when a mass cancel reads it. After start-up
/// nothing allocates: slots and levels are recycled through free lists, and arrays only grow (by
/// doubling) when a new high-water mark is reached.
/// </summary>
internal sealed partial class FastOrderBook : IOrderBook
{
    private readonly SideLevels _bids;
    private readonly SideLevels _asks;

    /// <summary>The bids and the asks, indexed by <see cref="Side"/>: choosing a side by a load instead of a branch.</summary>
    private readonly SideLevels[] _sides;
    private readonly OrderIndex _index;
    private OrderSlot[] _slots;
    private QueueLink[] _links;
    private PriceLevel[] _levels;
    private int[] _accountHead;
    private int[] _accountTail;
    private long[] _massSequences = new long[64];
    private int[] _massSlots = new int[64];
    private int _freeSlot;
    private int _slotHigh = 1;
    private int _freeLevel;
    private int _levelHigh = FirstPriceLevel;
    private int _minQuantityCount;

    /// <summary>Levels 1 and 2 are the bid and ask peg queues: never in a side's window, never recycled.</summary>
    private const int BidPegLevel = 1;
    private const int AskPegLevel = 2;
    private const int FirstPriceLevel = 3;

    public FastOrderBook(long tickSize, int expectedOrders, int expectedAccounts)
    {
        _slots = new OrderSlot[expectedOrders + 1];
        _links = new QueueLink[expectedOrders + 1];
        _levels = new PriceLevel[Math.Max(expectedOrders + 1, FirstPriceLevel + 1)];
        _bids = new SideLevels(isBid: true, tickSize);
        _asks = new SideLevels(isBid: false, tickSize);
        _sides = [_bids, _asks];
        _index = new OrderIndex(expectedOrders);
        _accountHead = new int[expectedAccounts];
        _accountTail = new int[expectedAccounts];
    }

    public int OrderCount => _index.Count;

    /// <summary>
    /// Gives <paramref name="target"/>'s arrays this book's lengths, copying nothing (<see cref="ArrayCopy.Shape"/>), or
    /// with <paramref name="checkOnly"/> changes nothing; whether they all had them already.
    /// </summary>
    public bool ShapeTo(FastOrderBook target, bool checkOnly) =>
        ArrayCopy.Shape(_slots, ref target._slots, checkOnly)
        & ArrayCopy.Shape(_links, ref target._links, checkOnly)
        & ArrayCopy.Shape(_levels, ref target._levels, checkOnly)
        & ArrayCopy.Shape(_accountHead, ref target._accountHead, checkOnly)
        & ArrayCopy.Shape(_accountTail, ref target._accountTail, checkOnly)
        & _index.ShapeTo(target._index, checkOnly)
        & _bids.ShapeTo(target._bids, checkOnly)
        & _asks.ShapeTo(target._asks, checkOnly);

    /// <summary>
    /// Makes <paramref name="target"/> (a book of the same market's tick) hold exactly what this holds: slots, queues,
    /// levels, the order index and the account chains (the scratch arrays of mass cancels are not state). Slots and
    /// levels are copied up to their high-water marks, above which nothing is ever read.
    /// </summary>
    public void CopyTo(FastOrderBook target)
    {
        ArrayCopy.Into(_slots, ref target._slots, _slotHigh);
        ArrayCopy.Into(_links, ref target._links, _slotHigh);
        ArrayCopy.Into(_levels, ref target._levels, _levelHigh);
        ArrayCopy.Into(_accountHead, ref target._accountHead, _accountHead.Length);
        ArrayCopy.Into(_accountTail, ref target._accountTail, _accountTail.Length);
        target._freeSlot = _freeSlot;
        target._slotHigh = _slotHigh;
        target._freeLevel = _freeLevel;
        target._levelHigh = _levelHigh;
        target._minQuantityCount = _minQuantityCount;
        _index.CopyTo(target._index);
        _bids.CopyTo(target._bids);
        _asks.CopyTo(target._asks);
    }

    public int MinQuantityCount => _minQuantityCount;

    public int PegCount(Side side) => _levels[side == Side.Buy ? BidPegLevel : AskPegLevel].Count;

    public int Find(int account, long orderId) => _index.Find(account, orderId);

    public ref readonly OrderData Get(int handle) => ref _slots[handle].Data;

    public bool WouldCross(Side side, long price)
    {
        int best = _sides[(int)side ^ 1].BestLevel(_levels);
        if (best == 0)
        {
            return false;
        }

        // A buy crosses when the best ask is at or below its price, a sell when the best bid is at or above:
        // one comparison on a signed distance rather than a branch on the side. Both prices are positive, so
        // neither the difference nor its negation can overflow.
        long distance = _levels[best].Price - price;
        return (side == Side.Buy ? distance : -distance) <= 0;
    }

    public void Add(in OrderData order)
    {
        int slot = AllocateSlot();
        _slots[slot].Data = order;
        LinkToLevel(slot);
        _index.Add(order.Account, order.OrderId, slot);
        LinkAccount(slot, order.Account);
        if (order.MinQuantity != 0)
        {
            _minQuantityCount++;
        }
    }

    public void Reprice(int handle, long price, long hold)
    {
        ref OrderSlot s = ref _slots[handle];
        s.Data.Price = price;
        s.Data.Hold = hold;
    }

    public void Remove(int handle) => RemoveSlot(handle);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Move(int handle, long price, long remaining, long hold, long sequence)
    {
        ref OrderSlot s = ref _slots[handle];
        SideLevels side = _sides[(int)s.Data.Side];
        // The level at the new price is looked up before the unlink, so that its loads start at once instead
        // of waiting behind the unlink. The price's window index is computed once: only an insert moves the window.
        long at = side.IndexOf(price);
        int target = side.FindAt(at, price);
        int current = _links[handle].Level;
        long from = side.IndexOf(s.Data.Price);
        int free = _freeLevel;
        if ((target == current) | (free == 0) | (current < FirstPriceLevel) | !side.BothInWindow(from, at))
        {
            // Rare: the same price, no recycled level to take, or a price outside the window.
            MoveAnyWhere(handle, price, remaining, hold, sequence, at, target);
            return;
        }

        // Whether the old level empties and whether the new price has a level are each a coin toss on this
        // workload (about 60% and 40%, independent), so neither is a branch: the level queues, the free list
        // and the window are updated with masks, as if both happened, with no effect where they did not.
        PriceLevel[] levels = _levels;
        ref PriceLevel old = ref levels[current];
        int emptied = SpliceOut(handle, ref old, s.Data.Remaining);
        int created = target == 0 ? 1 : 0;

        // An emptied level goes onto the free list (a live level's NextFree is never read, so it is written
        // either way); a new price takes the head of the list, which is then that same level.
        old.NextFree = free;
        free ^= (free ^ current) & -emptied;
        ref PriceLevel fresh = ref levels[free];
        int afterTaken = fresh.NextFree;
        _freeLevel = free ^ ((free ^ afterTaken) & -created);
        long keep = created - 1L;
        int keep32 = created - 1;
        fresh.Price = (fresh.Price & keep) | (price & ~keep);
        fresh.Total &= keep;
        fresh.Count &= keep32;
        fresh.Head &= keep32;
        fresh.Tail &= keep32;
        target |= free & -created;
        side.Shift((int)from, emptied, (int)at, created, target);

        s.Data.Price = price;
        s.Data.Remaining = remaining;
        s.Data.Hold = hold;
        s.Data.Sequence = sequence;
        AppendToLevel(handle, target, remaining);
    }

    /// <summary>
    /// <see cref="Move"/> with branches: to the same price, with no recycled level, or from or to a price
    /// outside the window. <paramref name="target"/> is the level at <paramref name="price"/> (window index
    /// <paramref name="at"/>) before the unlink.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MoveAnyWhere(int handle, long price, long remaining, long hold, long sequence, long at, int target)
    {
        ref OrderSlot s = ref _slots[handle];
        SideLevels side = _sides[(int)s.Data.Side];
        int current = _links[handle].Level;
        UnlinkFromLevel(handle, s.Data.Remaining, side);
        s.Data.Price = price;
        s.Data.Remaining = remaining;
        s.Data.Hold = hold;
        s.Data.Sequence = sequence;
        if (target == current)
        {
            // The unlink may have emptied and recycled the order's own level: look again.
            target = side.FindAt(at, price);
        }

        if (target == 0)
        {
            target = AllocateLevel(price);
            side.InsertAt(at, price, target);
        }

        AppendToLevel(handle, target, remaining);
    }

    public void Reduce(int handle, long remaining, long hold)
    {
        ref OrderSlot s = ref _slots[handle];
        _levels[_links[handle].Level].Total -= s.Data.Remaining - remaining;
        s.Data.Remaining = remaining;
        s.Data.Hold = hold;
    }

    /// <summary>Unlinks a slot from its level, the index and its account list, and recycles it.</summary>
    private void RemoveSlot(int slot)
    {
        ref OrderSlot s = ref _slots[slot];
        UnlinkFromLevel(slot, s.Data.Remaining, _sides[(int)s.Data.Side]);
        _index.Remove(s.Data.Account, s.Data.OrderId);
        UnlinkAccount(slot, s.Data.Account);
        if (s.Data.MinQuantity != 0)
        {
            _minQuantityCount--;
        }

        _links[slot].Next = _freeSlot;
        _freeSlot = slot;
    }

    /// <summary>Appends a slot to the level of its price, creating the level if needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LinkToLevel(int slot)
    {
        ref OrderSlot s = ref _slots[slot];
        int level;
        if ((s.Data.Flags & OrderFlags.Pegged) != 0)
        {
            level = s.Data.Side == Side.Buy ? BidPegLevel : AskPegLevel;
        }
        else
        {
            long price = s.Data.Price;
            SideLevels side = _sides[(int)s.Data.Side];
            level = side.Find(price);
            if (level == 0)
            {
                level = AllocateLevel(price);
                side.Insert(price, level);
            }
        }

        AppendToLevel(slot, level, s.Data.Remaining);
    }

    /// <summary>Appends a slot with <paramref name="remaining"/> lots to the back of a level's queue.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendToLevel(int slot, int level, long remaining)
    {
        // Slot 0 (none) has a scratch link: writing an empty level's missing tail there, and choosing the
        // head with a conditional move, keeps the append free of a branch that no predictor can learn.
        QueueLink[] links = _links;
        ref PriceLevel l = ref _levels[level];
        int tail = l.Tail;
        int head = l.Head;
        ref QueueLink link = ref links[slot];
        link.Level = level;
        link.Next = 0;
        link.Prev = tail;
        links[tail].Next = slot;
        l.Head = tail == 0 ? slot : head;
        l.Tail = slot;
        l.Count++;
        l.Total += remaining;
    }

    /// <summary>
    /// Takes a slot with <paramref name="remaining"/> lots out of its level queue, recycling the level (and
    /// taking it out of <paramref name="side"/>, the slot's side) if it empties.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UnlinkFromLevel(int slot, long remaining, SideLevels side)
    {
        int level = _links[slot].Level;
        ref PriceLevel l = ref _levels[level];
        if (SpliceOut(slot, ref l, remaining) != 0 && level >= FirstPriceLevel)
        {
            side.Remove(l.Price);
            l.NextFree = _freeLevel;
            _freeLevel = level;
        }
    }

    /// <summary>
    /// Takes a slot with <paramref name="remaining"/> lots out of the queue of <paramref name="l"/>, its level; 1 when
    /// that emptied the level, else 0. A missing neighbour is slot 0, whose link is scratch (see
    /// <see cref="AppendToLevel"/>): no branch on either side.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SpliceOut(int slot, ref PriceLevel l, long remaining)
    {
        QueueLink[] links = _links;
        ref QueueLink link = ref links[slot];
        int prev = link.Prev;
        int next = link.Next;
        links[prev].Next = next;
        links[next].Prev = prev;
        int head = l.Head;
        int tail = l.Tail;
        l.Head = prev == 0 ? next : head;
        l.Tail = next == 0 ? prev : tail;
        l.Total -= remaining;
        return --l.Count == 0 ? 1 : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int AllocateSlot()
    {
        int slot = _freeSlot;
        if (slot != 0)
        {
            _freeSlot = _links[slot].Next;
            return slot;
        }

        if (_slotHigh == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _links, _slots.Length);
        }

        return _slotHigh++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int AllocateLevel(long price)
    {
        int level = _freeLevel;
        if (level != 0)
        {
            _freeLevel = _levels[level].NextFree;
        }
        else
        {
            if (_levelHigh == _levels.Length)
            {
                Array.Resize(ref _levels, _levels.Length * 2);
            }

            level = _levelHigh++;
        }

        _levels[level] = new PriceLevel { Price = price };
        return level;
    }

    private void LinkAccount(int slot, int account)
    {
        if (account >= _accountHead.Length)
        {
            int size = _accountHead.Length;
            while (size <= account)
            {
                size *= 2;
            }

            Array.Resize(ref _accountHead, size);
            Array.Resize(ref _accountTail, size);
        }

        // As in the level queues, a missing neighbour is slot 0, whose account links are scratch (never read), and
        // the head is chosen by a conditional move: whether the account has other orders is a coin toss here.
        OrderSlot[] slots = _slots;
        ref OrderSlot s = ref slots[slot];
        ref int tail = ref _accountTail[account];
        ref int head = ref _accountHead[account];
        int last = tail;
        int first = head;
        s.AccountPrev = last;
        s.AccountNext = 0;
        slots[last].AccountNext = slot;
        head = last == 0 ? slot : first;
        tail = slot;
    }

    private void UnlinkAccount(int slot, int account)
    {
        OrderSlot[] slots = _slots;
        ref OrderSlot s = ref slots[slot];
        int prev = s.AccountPrev;
        int next = s.AccountNext;
        slots[prev].AccountNext = next;
        slots[next].AccountPrev = prev;
        ref int head = ref _accountHead[account];
        ref int tail = ref _accountTail[account];
        int first = head;
        int last = tail;
        head = prev == 0 ? next : first;
        tail = next == 0 ? prev : last;
    }
}
